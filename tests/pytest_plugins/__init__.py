"""pytest plugins shared by our suite and the compat run (CKAN's own tests).

The compat run imports them as top-level modules (`-p random_seed`, with this directory on
PYTHONPATH), never through the `tests` package: CKAN's entry points name a `tests.plugins`
of their own, which our `tests` package would shadow.
"""
