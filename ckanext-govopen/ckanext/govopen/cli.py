from __future__ import annotations

import click

__all__ = ["govopen"]


@click.group(short_help="GovOpen portal commands.")
def govopen() -> None:
    pass


def get_commands() -> list[click.Command]:
    return [govopen]
