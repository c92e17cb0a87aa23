"""Deterministic demo data for GovOpen, loaded through CKAN's action API.

    python -m seed -c var/ckan.ini                # make run does this once, on first start
    python -m seed -c var/ckan.ini --scale 10000  # scale-000001 … for benchmarks
    python -m seed --dump DIR                     # only write the demo files

Layout: the generator is pure (no CKAN import, fixed seeds, Faker zh_CN seeded per table):
`content_*` hold the hand-written dataset specs, `columns`/`rows`/`tables` turn a spec's
`header=kind` columns into CSV/XLSX bytes, `ids` makes identity numbers and credit codes
with correct check characters, `generate.build()` returns a `model.Catalog`. The loader
(`load`) runs actions as the sysadmin `admin`; `scale` and `bulk` make and load the light
benchmark datasets.

Measured on 2 cores with the embedded PostgreSQL and searchd, GovOpen dataset schema:
the demo catalog (12 organizations, 6 groups, 56 datasets, 60 uploads) loads in about 8 s;
scale mode `action` creates about 10 datasets/s (22/s with CKAN's default schema); `bulk`
writes about 700-1,000 datasets/s and indexes about 80-110/s with two indexing processes,
so 10,000 datasets take about 2 minutes and 100,000 about 20.
"""
