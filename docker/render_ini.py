"""Write the production ckan.ini from config/ckan.ini.tmpl (run while building the image).

    python3 render_ini.py --template ckan.ini.tmpl --stack stack.py --output /srv/app/ckan.ini

The production image uses the same template as `make run`, so both run the same settings.
Only the placeholders differ: the values below are fallbacks, and docker/compose.yaml
supplies the real ones at run time through CKAN's environment variables (CKAN_SITE_URL,
CKAN_SQLALCHEMY_URL, ... and ckanext-envvars' CKAN___SECRET_KEY, ...). The secrets are left
empty here: no secret is ever written into the image.

The plugin list is tools/stack.py's PLUGINS plus `envvars` (last, as ckanext-envvars
requires). When the CKAN__PLUGINS variable is set (the Dockerfile sets it, because the base
image's prerun.py writes it into ckan.ini on every start) it must say the same, or this
script fails and so does the build.

Standard library only: it runs in the image before anything is configured, and the tests in
tests/docker import it.
"""
from __future__ import annotations

import argparse
import ast
import os
import string
import sys
from pathlib import Path

# The plugin ckanext-envvars (installed in CKAN's base image) maps CKAN__X__Y variables to
# config keys; it has to come after every other plugin.
ENVVARS_PLUGIN = "envvars"

# Fallbacks for the template's placeholders. Each service URL names the compose service
# that provides it; compose passes the full value at run time anyway.
PRODUCTION_VALUES: dict[str, str] = {
    "secret_key": "",  # CKAN___SECRET_KEY / CKAN___WTF_CSRF_SECRET_KEY at run time
    "jwt_secret": "",  # CKAN___API_TOKEN__JWT__ENCODE__SECRET / __DECODE__SECRET
    "storage_key": "",  # CKANEXT__GOVOPEN__STORAGE_KEY (raw uploads encrypted at rest)
    "site_url": "http://localhost:5000",  # CKAN_SITE_URL
    "site_id": "govopen",  # CKAN_SITE_ID
    "sqlalchemy_url": "postgresql://ckan@db:5432/ckan",  # CKAN_SQLALCHEMY_URL
    "solr_url": "http://solr:8983/solr/ckan",  # CKAN_SOLR_URL
    "redis_url": "redis://redis:6379/0",  # CKAN_REDIS_URL
    "datastore_write_url": "postgresql://ckan@db:5432/ckan_datastore",  # CKAN_DATASTORE_WRITE_URL
    "datastore_read_url": "postgresql://datastore_ro@db:5432/ckan_datastore",  # CKAN_DATASTORE_READ_URL
    "storage_path": "/var/lib/ckan",  # CKAN_STORAGE_PATH, the ckan_storage volume
    "locale_default": "zh_Hans_CN",  # CKAN__LOCALE_DEFAULT
    "log_level": "INFO",
    "extra": "",
}


def stack_plugins(stack_py: Path) -> str:
    """The PLUGINS string of tools/stack.py, read without importing it."""
    tree = ast.parse(stack_py.read_text(encoding="utf-8"), filename=str(stack_py))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "PLUGINS" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str) and value.split():
                return " ".join(value.split())
    raise ValueError(f"{stack_py}: no PLUGINS = '...' string assignment found")


def docker_plugins(stack_py: Path) -> str:
    plugins = stack_plugins(stack_py).split()
    if ENVVARS_PLUGIN in plugins:
        raise ValueError(f"{stack_py}: PLUGINS already contains {ENVVARS_PLUGIN}")
    return " ".join([*plugins, ENVVARS_PLUGIN])


def render(template_text: str, plugins: str) -> str:
    """The template with every placeholder filled; an unknown placeholder raises KeyError."""
    return string.Template(template_text).substitute(PRODUCTION_VALUES, plugins=plugins)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, required=True)
    parser.add_argument("--stack", type=Path, required=True, help="tools/stack.py")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)

    plugins = docker_plugins(args.stack)
    from_env = os.environ.get("CKAN__PLUGINS")
    if from_env is not None and from_env.split() != plugins.split():
        print(
            f"error: CKAN__PLUGINS is {from_env!r} but tools/stack.py's PLUGINS plus "
            f"{ENVVARS_PLUGIN} is {plugins!r}; update docker/Dockerfile and docker/compose.yaml",
            file=sys.stderr,
        )
        return 1
    try:
        text = render(args.template.read_text(encoding="utf-8"), plugins)
    except KeyError as e:
        print(f"error: {args.template} has a placeholder {e} that docker/render_ini.py "
              "does not fill; add it to PRODUCTION_VALUES", file=sys.stderr)
        return 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} (plugins: {plugins})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
