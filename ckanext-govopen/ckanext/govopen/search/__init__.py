"""Search the way people in China type: what CKAN adds to the index for it, and the
sysadmin page for the synonyms the search service applies (searchd/synonyms.py)."""
