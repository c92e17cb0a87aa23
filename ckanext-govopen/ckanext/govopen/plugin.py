from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation


@tk.blanket.config_declarations
@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.helpers
@tk.blanket.cli
class GovOpenPlugin(p.SingletonPlugin, DefaultTranslation):
    """The GovOpen portal: catalog schema, publishing gate, provenance, feeds."""

    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    # IConfigurer

    def update_config(self, config_: tk.CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")
        tk.add_public_directory(config_, "public")
        tk.add_resource("assets", "govopen")

    # ITranslation: DefaultTranslation finds i18n/ next to this module.
