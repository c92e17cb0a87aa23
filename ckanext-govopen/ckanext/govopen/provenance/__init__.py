"""Provenance of derived data products (Shanxi art. 17-18).

``note`` holds the wording of provenance notes and imports nothing of CKAN; ``sources``
checks and completes a product's sources; ``logic`` the action behind the notes;
``views`` the note offered with every download; ``search`` the derived-from index;
``rdf`` the PROV triples of the DCAT feed.
"""
