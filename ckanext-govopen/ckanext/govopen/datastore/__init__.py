"""The DataStore: each published tabular file's masked public copy, loaded into CKAN's
DataStore with columns typed from the dataset's data items (信息项), queryable through
``datastore_search`` and ``datastore_search_sql`` behind the download gate, previewed on
the resource page (its first rows also on the dataset page) and described on an API page
per resource."""
