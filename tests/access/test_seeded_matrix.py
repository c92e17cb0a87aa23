"""Who reaches which file of the demo data, as `make run` loads it (issue 13).

For every file of every conditional and not-open demo dataset: anonymous visitors,
logged-in users without a grant (among them the demo applicants whose applications are
pending, rejected, withdrawn or revoked) and an editor of another organization get 403;
members of the provider organization and sysadmins get the file; the demo applicant whose
application was approved gets exactly the files granted. Files of open demo datasets stay
open to anonymous visitors. (tests/publishing/test_gate_grants.py walks the grant states on
one fabricated dataset; this walks the shipped data.)
"""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")
seed_access = pytest.importorskip("seed.access")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
RESTRICTED = ("conditional", "not_open")
ROUTES = ("/dataset/{name}/resource/{id}/download", "/dataset/{name}/resource/{id}/download/f")


def _token(name: str) -> str:
    return call_action("api_token_create", {"user": name}, user=name, name="t")["token"]


def _get(app: Any, route: str, pkg: dict[str, Any], res: dict[str, Any],
         token: str | None) -> Any:
    return app.get(route.format(name=pkg["name"], id=res["id"]),
                   headers={"Authorization": token} if token else {},
                   status=None, follow_redirects=False)


def _served(response: Any, res: dict[str, Any]) -> bool:
    """The file itself: an upload's bytes, or the redirect to a linked file's address."""
    if res.get("url_type") == "upload":
        return response.status_code == 200 and len(response.data) > 0
    return response.status_code == 302 and response.headers["Location"] == res["url"]


@pytest.fixture
def seeded() -> list[dict[str, Any]]:
    factories.Sysadmin(name="admin")
    catalog = seed_generate.build()
    loader = seed_load.Loader("admin", out=lambda _line: None)
    seed_load.load(catalog, loader)
    seed_access.load_applications(loader, seed_access.conditional_names(catalog.datasets))
    found = call_action("package_search", {"user": "admin"}, q="*:*", rows=1000,
                        include_private=True, fq="+dataset_type:dataset")
    return found["results"]


class People:
    """Everyone the matrix asks for, with API tokens."""

    def __init__(self, restricted: list[dict[str, Any]]) -> None:
        stranger, other_editor = factories.User(), factories.User()
        CatalogOrganization(users=[{"name": other_editor["name"], "capacity": "editor"}])
        self.outsiders = {"anonymous": None, "stranger": _token(stranger["name"]),
                          "editor of another organization": _token(other_editor["name"])}
        self.applications = call_action("govopen_access_list", {"user": "admin"},
                                        limit=100)["results"]
        for a in self.applications:
            if a["state"] != "approved":  # an application is no grant, a revoked one neither
                self.outsiders[f"{a['user_name']} ({a['state']})"] = _token(a["user_name"])
        self.holders = [(a, _token(a["user_name"])) for a in self.applications
                        if a["state"] == "approved"]
        self.sysadmin = _token("admin")
        self.members: dict[str, str] = {}  # provider organization → a member's token
        for org_id in sorted({p["owner_org"] for p in restricted}):
            member = factories.User()
            call_action("organization_member_create", {"user": "admin"}, id=org_id,
                        username=member["name"], role="member")
            self.members[org_id] = _token(member["name"])

    def strangers_to(self, pkg: dict[str, Any]) -> dict[str, str | None]:
        """A member of one provider is an outsider to another provider's data."""
        return {**self.outsiders, **{f"member of {o}": t for o, t in self.members.items()
                                     if o != pkg["owner_org"]}}


def _check_restricted_file(app: Any, people: People, pkg: dict[str, Any],
                           res: dict[str, Any], route: str) -> None:
    where = (pkg["name"], res["name"], route)
    for who, token in people.strangers_to(pkg).items():
        refused = _get(app, route, pkg, res, token)
        assert refused.status_code == 403, (*where, who)
        assert "Location" not in refused.headers
    for who, token in (("sysadmin", people.sysadmin),
                       ("provider member", people.members[pkg["owner_org"]])):
        assert _served(_get(app, route, pkg, res, token), res), (*where, who)
    for a, token in people.holders:
        got = _get(app, route, pkg, res, token)
        if a["package_id"] == pkg["id"] and res["id"] in a["resource_ids"]:
            assert _served(got, res), (*where, a["user_name"])
        else:
            assert got.status_code == 403, (*where, a["user_name"])


def test_restricted_demo_files_reach_only_providers_sysadmins_and_grant_holders(  # type: ignore[no-untyped-def]
        app, seeded) -> None:
    restricted = [p for p in seeded if p.get("open_type") in RESTRICTED]
    assert {p["open_type"] for p in restricted} == set(RESTRICTED)
    assert sum(len(p["resources"]) for p in restricted) >= 12
    people = People(restricted)
    assert {a["state"] for a in people.applications} >= {
        "submitted", "returned", "resubmitted", "approved", "rejected", "withdrawn", "revoked"}
    assert people.holders and len(people.members) >= 2
    checked = 0
    for pkg in restricted:
        for res in pkg["resources"]:
            for route in ROUTES:
                _check_restricted_file(app, people, pkg, res, route)
                checked += 1
    assert checked == len(ROUTES) * sum(len(p["resources"]) for p in restricted)

    # In the same test, since loading the demo takes about two minutes: the files of
    # open datasets stay open to anonymous visitors.
    public = [p for p in seeded if p.get("open_type") not in RESTRICTED and not p["private"]]
    files = [(p, r) for p in public for r in p["resources"]]
    assert len(files) >= 20
    for pkg, res in files:
        for route in ROUTES:
            assert _served(_get(app, route, pkg, res, None), res), (pkg["name"], res["name"])
