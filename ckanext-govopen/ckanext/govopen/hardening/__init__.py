"""Hardening: hostile input gets a 4xx with a readable message, never a 500, and anonymous
users learn nothing about private datasets through side channels (members, tags, users).

``urls`` is pure (no CKAN imports); ``validators`` wraps it for the schemas; ``action``
chains the core actions that leaked (members, tags, users); ``schema`` checks their
parameters; ``auth`` fixes a core auth function that crashes; ``hooks`` runs every action
inside a guard and registers the page error handlers, so the crashes left in CKAN core
and ckanext-dcat become 409/400 answers.
"""
