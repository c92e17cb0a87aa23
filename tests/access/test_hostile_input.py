"""Hostile parameters to the access API get a 4xx with a message, never a 500."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

CASES = [
    ("govopen_access_show", {"id": "\x00"}),
    ("govopen_access_show", {"id": ["a", "b"]}),
    ("govopen_access_show", {}),
    ("govopen_access_apply", {"package_id": "\x00"}),
    ("govopen_access_apply", {"applicant_name": "a\x00b"}),
    ("govopen_access_apply", {"package_id": {"x": 1}, "end_date": "tomorrow"}),
    ("govopen_access_list", {"limit": "abc"}),
    ("govopen_access_list", {"state": "nonsense"}),
    ("govopen_access_list", {"organization_id": "\x00"}),
    ("govopen_access_return", {"id": "nope", "reason": "x"}),
    ("govopen_access_resubmit", {"id": "\x00"}),
    ("govopen_access_log_list", {"organization_id": "\x00"}),
    ("govopen_access_log_export", {}),
    ("govopen_calendar_day_set", {"day": "2027-13-01"}),
    ("govopen_access_settings_update", {"organization_id": "nope", "decision_workdays": "x"}),
]


@pytest.mark.parametrize(("action", "params"), CASES)
def test_hostile_parameters_get_a_4xx(app, provider, action, params) -> None:  # type: ignore[no-untyped-def]
    resp = app.post(f"/api/3/action/{action}", json=params,
                    headers=provider.headers(provider.applicant), status=None)
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.get_data(as_text=True)[-500:])
    assert resp.json["success"] is False
