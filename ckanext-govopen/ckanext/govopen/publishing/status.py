"""Where each dataset stands in the publishing workflow."""
from __future__ import annotations

from ckan import model

from ckanext.govopen.lib import audit
from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.publishing import texts
from ckanext.govopen.publishing.model import (
    APPROVED,
    DRAFT,
    PUBLISHED,
    SUBMITTED,
    DatasetWorkflow,
)


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


def owner_changed(pkg: model.Package, actor: str, before: str | None) -> None:
    """The dataset moved from organization `before` to its current one. An approval, or a
    review under way, was the old organization's: the dataset goes back to review, so the
    new organization's reviewer decides. A public dataset (only a sysadmin moves one) and
    a draft have no review to redo. Committed with the caller's write."""
    if pkg.owner_org == before or not pkg.private:
        return
    current = state_of(pkg.id, bool(pkg.private))
    if current not in (APPROVED, SUBMITTED):
        return
    reason = texts.both("review.owner_changed")
    set_state(pkg.id, SUBMITTED, actor, reason)
    audit.record(actor, "owner_change", package_id=pkg.id, before=current,
                 organization_before=before, organization_after=pkg.owner_org, reason=reason)
