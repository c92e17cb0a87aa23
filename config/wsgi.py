"""WSGI entry point for gunicorn: `gunicorn --chdir config wsgi:application`.

CKAN_INI names the configuration file (var/ckan.ini under `make run`).
"""
from __future__ import annotations

import os
from logging.config import fileConfig

from ckan.cli import CKANConfigLoader
from ckan.config.middleware import make_app

_ini = os.environ["CKAN_INI"]
fileConfig(_ini)
application = make_app(CKANConfigLoader(_ini).get_config())
