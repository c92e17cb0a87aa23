"""Where each dataset stands in the publishing workflow."""
from __future__ import annotations

from ckan import model

from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.publishing.model import DRAFT, PUBLISHED, DatasetWorkflow


def state_of(package_id: str, private: bool) -> str:
    """The workflow state; datasets older than the workflow count as published if public."""
    row = model.Session.get(DatasetWorkflow, package_id)
    if row is None:
        return DRAFT if private else PUBLISHED
    if row.state == PUBLISHED and private:
        return DRAFT  # withdrawn since: it needs a new review to go public again
    return row.state


def workflow_row(package_id: str) -> DatasetWorkflow | None:
    return model.Session.get(DatasetWorkflow, package_id)


def set_state(package_id: str, state: str, actor: str, reason: str | None = None) -> None:
    row = workflow_row(package_id) or DatasetWorkflow(package_id=package_id)
    row.state, row.actor, row.reason, row.updated = state, actor, reason, utcnow()
    model.Session.add(row)
