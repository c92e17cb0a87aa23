"""Search: what the catalog adds to the index, its facets, and `ckan govopen reindex`."""
