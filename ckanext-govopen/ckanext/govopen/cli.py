from __future__ import annotations

import click

__all__ = ["govopen"]


@click.group(short_help="GovOpen portal commands.")
def govopen() -> None:
    pass


from ckanext.govopen.publishing.cli import desensitize, rotate_key
from ckanext.govopen.reindex import reindex

govopen.add_command(desensitize)
govopen.add_command(rotate_key)
govopen.add_command(reindex)

from ckanext.govopen.access.cli import audit, remind_access

govopen.add_command(audit)
govopen.add_command(remind_access)


def get_commands() -> list[click.Command]:
    return [govopen]
