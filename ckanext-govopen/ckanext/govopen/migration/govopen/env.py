"""Alembic environment of the govopen plugin: its own version table, its own tables only."""
from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from ckan.model.meta import metadata
from sqlalchemy import engine_from_config, pool
from sqlalchemy.schema import SchemaItem

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name)

NAME = os.path.basename(os.path.dirname(__file__))
VERSION_TABLE = f"{NAME}_alembic_version"


def _ours(obj: SchemaItem, name: str | None, type_: str, reflected: bool,
          compare_to: SchemaItem | None) -> bool:
    return name is not None and name.startswith(NAME) if type_ == "table" else True


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, version_table=VERSION_TABLE, include_object=_ours)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    engine = engine_from_config(config.get_section(config.config_ini_section) or {},
                                prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata,
                          version_table=VERSION_TABLE, include_object=_ours)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
