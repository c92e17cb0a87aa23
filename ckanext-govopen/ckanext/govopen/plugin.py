from __future__ import annotations

from collections import OrderedDict
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.govopen.catalog import search as catalog_search
from ckanext.govopen.hardening import hooks as hardening
from ckanext.govopen.lib.lang import govopen_lang, is_english
from ckanext.govopen.publishing import hooks as publishing
from ckanext.govopen.publishing import registry
from ckanext.govopen.security import hooks as security


@tk.blanket.config_declarations
@tk.blanket.actions(registry.actions)
@tk.blanket.auth_functions(registry.auth_functions)
@tk.blanket.helpers(registry.helpers)
@tk.blanket.validators(registry.validators())
@tk.blanket.blueprints
@tk.blanket.cli
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
        tk.add_template_directory(config_, "security/templates")

    # ITranslation: DefaultTranslation finds i18n/ next to this module.

    # IMiddleware: bad input gets a 4xx, never a 500 (hardening/); sessions, CSRF and
    # headers (security/).

    def make_middleware(self, app: Any, config: Any) -> Any:
        return security.make_middleware(hardening.install(app))

    # IFacets: the catalog's facets replace CKAN's defaults.

    def dataset_facets(self, facets_dict: OrderedDict[str, Any],
                       package_type: str) -> OrderedDict[str, Any]:
        return OrderedDict(catalog_search.facet_titles(govopen_lang()))

    def organization_facets(self, facets_dict: OrderedDict[str, Any], organization_type: str,
                            package_type: str | None) -> OrderedDict[str, Any]:
        titles = catalog_search.facet_titles(govopen_lang())
        titles.pop("organization", None)
        return OrderedDict(titles)

    # IPackageController

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        from ckanext.govopen.provenance import search as provenance_search
        from ckanext.govopen.search import hooks as search_hooks

        pkg_dict = search_hooks.index_fields(pkg_dict)
        return catalog_search.index_fields(provenance_search.index_fields(pkg_dict))

    def after_dataset_search(self, search_results: dict[str, Any],
                             search_params: dict[str, Any]) -> dict[str, Any]:
        facets = search_results.get("search_facets") or {}
        lang = govopen_lang()
        catalog_search.relabel_facets(facets, lang)
        if "organization" in facets and is_english(lang):
            from ckanext.govopen.catalog import store

            items = facets["organization"].get("items", [])
            english = store.organization_english_titles([i["name"] for i in items])
            for item in items:
                item["display_name"] = english.get(item["name"], item["display_name"])
        return search_results

    # Publishing: uploads encrypted at rest, desensitized by a job before anyone gets them.

    def get_resource_uploader(self, data_dict: dict[str, Any]) -> Any:
        return publishing.uploader(data_dict)

    def get_uploader(self, upload_to: str, old_filename: str | None) -> None:
        return None  # organization and user images: CKAN's own uploader

    def after_resource_create(self, context: Any, resource: dict[str, Any]) -> None:
        publishing.uploaded(context)

    def after_resource_update(self, context: Any, resource: dict[str, Any]) -> None:
        publishing.uploaded(context)

    def after_resource_delete(self, context: Any, resources: list[dict[str, Any]]) -> None:
        publishing.uploaded(context)
        pkg = context.get("package")
        publishing.sweep(context, pkg.id if pkg is not None else None)

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        publishing.check_create(context, pkg_dict)  # first: it may roll the write back
        publishing.uploaded(context)

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        publishing.check_update(context, pkg_dict)  # first: it may roll the write back
        publishing.uploaded(context)
        publishing.sweep(context, pkg_dict.get("id"))

    # Web-session security: lockout and TOTP at login, server-side logout, headers.

    def login(self) -> Any:
        return security.login()

    def authenticate(self, identity: dict[str, Any]) -> Any:
        return security.authenticate(identity)

    def logout(self) -> None:
        security.logout()
