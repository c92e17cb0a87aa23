"""DCAT-AP 3 feeds of the catalog: the ``govopen`` RDF profile, our SKOS concept schemes
and the offline SHACL check.

``terms`` and ``vocabulary`` are pure (rdflib only); ``profile`` and ``views`` run in CKAN.
"""
