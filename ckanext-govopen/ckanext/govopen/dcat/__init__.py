"""DCAT-AP 3 feeds of the catalog: the ``govopen`` RDF profile, our SKOS concept schemes
and the offline SHACL check.

``terms``, ``vocabulary``, ``parse`` and ``shared`` (the nodes the datasets of a graph share,
described once per graph) are pure (rdflib only); ``profile`` and ``views`` run in CKAN.
"""
