"""Validators of publishing: the per-organization desensitize policy override."""
from __future__ import annotations

from ckanext.govopen.masking.policy import govopen_desensitize_policy

__all__ = ["govopen_desensitize_policy"]
