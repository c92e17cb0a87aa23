"""Logging in through the real login form, shared by the browser tests."""
from __future__ import annotations

import re
from typing import Any

PASSWORD = "Correct-Horse-9"


def login(page: Any, base: str, user: dict[str, Any]) -> None:
    """Log `user` (created with PASSWORD) in at `base`, as a person would."""
    page.goto(f"{base}/user/login")
    page.fill("#field-login", user["name"])
    page.fill("#field-password", PASSWORD)
    page.click("form button.btn-primary[type=submit]")
    page.wait_for_url(re.compile(r".*/(dashboard|user)/.*"))
