"""The plugin: a thin dispatcher. Every capability's actions, auth functions, helpers,
validators, blueprints, commands, templates and hooks come from ``registry.py``."""
from __future__ import annotations

from collections import OrderedDict
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.govopen import registry


@tk.blanket.config_declarations
@tk.blanket.actions(registry.actions)
@tk.blanket.auth_functions(registry.auth_functions)
@tk.blanket.helpers(registry.helpers)
# Collected now, not lazily: ckanext-scheming asks CKAN for validators while its own
# validation module is still importing, and ours import that module.
@tk.blanket.validators(registry.validators())
@tk.blanket.blueprints(registry.blueprints)
@tk.blanket.cli(registry.cli)
class GovOpenPlugin(p.SingletonPlugin, DefaultTranslation):
    """The GovOpen portal: catalog schema, publishing gate, provenance, feeds."""

    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IResourceController, inherit=True)
    p.implements(p.IUploader, inherit=True)
    p.implements(p.IAuthenticator, inherit=True)
    p.implements(p.IMiddleware, inherit=True)

    # IConfigurer

    def update_config(self, config_: tk.CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")
        for directory in registry.template_directories():
            tk.add_template_directory(config_, directory)

    # ITranslation: DefaultTranslation finds i18n/ next to this module.

    # IMiddleware

    def make_middleware(self, app: Any, config: Any) -> Any:
        return registry.chain("make_middleware", app, config)

    # IFacets

    def dataset_facets(self, facets_dict: OrderedDict[str, Any],
                       package_type: str) -> OrderedDict[str, Any]:
        return registry.chain("dataset_facets", facets_dict, package_type)

    def organization_facets(self, facets_dict: OrderedDict[str, Any], organization_type: str,
                            package_type: str | None) -> OrderedDict[str, Any]:
        return registry.chain("organization_facets", facets_dict, organization_type,
                              package_type)

    # IPackageController

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        return registry.chain("before_dataset_index", pkg_dict)

    def after_dataset_search(self, search_results: dict[str, Any],
                             search_params: dict[str, Any]) -> dict[str, Any]:
        return registry.chain("after_dataset_search", search_results, search_params)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        registry.run("after_dataset_create", context, pkg_dict)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        registry.run("after_dataset_update", context, pkg_dict)

    # IResourceController

    def after_resource_create(self, context: Any, resource: dict[str, Any]) -> None:
        registry.run("after_resource_create", context, resource)

    def after_resource_update(self, context: Any, resource: dict[str, Any]) -> None:
        registry.run("after_resource_update", context, resource)

    def after_resource_delete(self, context: Any, resources: list[dict[str, Any]]) -> None:
        registry.run("after_resource_delete", context, resources)

    # IUploader: resource files go to the capability that stores them; organization and
    # user images to CKAN's own uploader.

    def get_resource_uploader(self, data_dict: dict[str, Any]) -> Any:
        return registry.first("get_resource_uploader", data_dict)

    def get_uploader(self, upload_to: str, old_filename: str | None) -> None:
        return None

    # IAuthenticator

    def login(self) -> Any:
        return registry.first("login")

    def authenticate(self, identity: dict[str, Any]) -> Any:
        return registry.first("authenticate", identity)

    def logout(self) -> None:
        registry.run("logout")
