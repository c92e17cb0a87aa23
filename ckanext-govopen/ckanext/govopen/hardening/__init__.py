"""Hardening: hostile input gets a 4xx with a readable message, never a 500, and anonymous
users learn nothing about private datasets through side channels (members, tags, users).

``urls`` is pure (no CKAN imports); ``validators`` wraps it for the schemas; ``action``
chains the core actions that leaked or crashed; ``hooks`` turns the crashes left in CKAN
core and ckanext-dcat into 400/409 answers.
"""
