"""The versioned masking policy: defaults from ``policy.yaml``, organization overrides merged.

A policy is validated once when loaded, so the engine can trust it. The limits on kept
prefixes and suffixes are enforced here: no override can make a rule reveal birth-date
digits of a resident ID or most of a phone number.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from .errors import PolicyError

PERSONAL_TYPES = (
    "id_card",
    "phone",
    "name",
    "email",
    "bank_card",
    "passport",
    "plate",
    "address",
    "birth_date",
)
ALL_TYPES = (*PERSONAL_TYPES, "uscc", "free_text", "public")
ADDRESS_LEVELS = ("province", "city", "county", "township")

# (max keep_prefix, max keep_suffix) per type. Resident IDs: area digits only in front,
# sequence + check digit at the end; free text may hold any identifier, so it gets the
# tightest common bound.
_MAX_KEEP: dict[str, tuple[int, int]] = {
    "id_card": (6, 4),
    "phone": (3, 4),
    "name": (1, 0),
    "email": (2, 0),
    "bank_card": (6, 4),
    "passport": (2, 2),
    "plate": (2, 0),
    "address": (0, 0),
    "birth_date": (0, 0),
    "uscc": (0, 0),
    "free_text": (3, 4),
    "public": (0, 0),
}
_ALLOWED_RULES: dict[str, tuple[str, ...]] = {
    **{t: ("mask", "pseudonym", "remove") for t in PERSONAL_TYPES},
    "address": ("truncate", "pseudonym", "remove"),
    "uscc": ("keep", "mask", "remove"),
    "free_text": ("scan", "remove"),
    "public": ("keep",),
}


@dataclass(frozen=True)
class RuleSpec:
    rule: str
    keep_prefix: int = 0
    keep_suffix: int = 0
    level: str = "township"


@dataclass(frozen=True)
class Policy:
    version: str
    digest: str
    full_mask: str
    mask_token: str
    content_sample_rows: int
    content_threshold: float
    rules: dict[str, RuleSpec]
    columns: dict[str, dict[str, str]]
    names_same_row: bool
    names_max_other: int
    k: int
    quasi_identifiers: tuple[str, ...]
    limits: dict[str, int]
    raw: dict[str, Any] = field(repr=False, compare=False)

    def rule_for(self, col_type: str, header: str | None = None) -> RuleSpec:
        """The rule of a column: a per-column override wins over the type's default."""
        base = self.rules[col_type]
        override = self.columns.get(header or "", {})
        if "rule" in override and override.get("type", col_type) == col_type:
            return RuleSpec(
                override["rule"], base.keep_prefix, base.keep_suffix, base.level
            )
        return base


def _deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def default_policy_dict() -> dict[str, Any]:
    text = (
        resources.files(__package__).joinpath("policy.yaml").read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def _int(raw: Mapping[str, Any], key: str, where: str, minimum: int = 0) -> int:
    value = raw.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise PolicyError(
            "policy_invalid", detail=f"{where}.{key} must be an integer >= {minimum}"
        )
    return value


def _rule(col_type: str, raw: Any) -> RuleSpec:
    if not isinstance(raw, Mapping):
        raise PolicyError(
            "policy_invalid", detail=f"rules.{col_type} must be a mapping"
        )
    rule = raw.get("rule")
    if rule not in _ALLOWED_RULES[col_type]:
        raise PolicyError(
            "policy_invalid",
            detail=f"rules.{col_type}.rule must be one of {', '.join(_ALLOWED_RULES[col_type])}",
        )
    prefix = _int(raw, "keep_prefix", f"rules.{col_type}")
    suffix = _int(raw, "keep_suffix", f"rules.{col_type}")
    max_prefix, max_suffix = _MAX_KEEP[col_type]
    if prefix > max_prefix or suffix > max_suffix:
        raise PolicyError(
            "policy_invalid",
            detail=f"rules.{col_type} may keep at most {max_prefix} leading and "
            f"{max_suffix} trailing characters",
        )
    if col_type == "free_text" and rule == "scan" and (prefix + suffix) > 7:
        raise PolicyError(
            "policy_invalid", detail="rules.free_text keeps too many digits"
        )
    level = raw.get("level", "township")
    if level not in ADDRESS_LEVELS:
        raise PolicyError("policy_invalid", detail=f"rules.{col_type}.level: {level!r}")
    return RuleSpec(rule, prefix, suffix, level)


def load_policy(overrides: Mapping[str, Any] | None = None) -> Policy:
    """Return the default policy with an organization's ``overrides`` deep-merged in.

    The report states the base ``version`` and a digest of the effective policy, so two
    jobs with the same digest masked identically.
    """
    raw = default_policy_dict()
    if overrides:
        if not isinstance(overrides, Mapping):
            raise PolicyError("policy_invalid", detail="overrides must be a mapping")
        raw = _deep_merge(raw, overrides)
    version = raw.get("version")
    if not isinstance(version, (str, int, float)) or not str(version):
        raise PolicyError("policy_invalid", detail="version is required")
    rules_raw = raw.get("rules") or {}
    rules = {
        t: _rule(t, rules_raw.get(t, {"rule": _ALLOWED_RULES[t][0]})) for t in ALL_TYPES
    }
    columns: dict[str, dict[str, str]] = {}
    for header, spec in (raw.get("columns") or {}).items():
        if (
            not isinstance(spec, Mapping)
            or spec.get("type", "free_text") not in ALL_TYPES
        ):
            raise PolicyError("policy_invalid", detail=f"columns.{header}.type")
        col_type = spec.get("type")
        # A rule only means something for a known type, so an override names both.
        if "rule" in spec and (
            col_type is None or spec["rule"] not in _ALLOWED_RULES[col_type]
        ):
            raise PolicyError(
                "policy_invalid",
                detail=f"columns.{header}: give a type and one of its rules",
            )
        columns[str(header)] = {str(k): str(v) for k, v in spec.items()}
    full_mask = str(raw.get("full_mask") or "******")
    mask_token = str(raw.get("mask_token") or "****")
    if any(c.isalnum() for c in full_mask + mask_token):
        raise PolicyError(
            "policy_invalid", detail="masks may not contain letters or digits"
        )
    threshold = raw.get("content_threshold", 0.6)
    if not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise PolicyError(
            "policy_invalid", detail="content_threshold must be in (0, 1]"
        )
    names = raw.get("names_backstop") or {}
    kanon = raw.get("k_anonymity") or {}
    qis = kanon.get("quasi_identifiers") or []
    if not isinstance(qis, list) or not all(isinstance(q, str) for q in qis):
        raise PolicyError("policy_invalid", detail="k_anonymity.quasi_identifiers")
    limits = {
        str(k): _int(raw.get("limits") or {}, k, "limits", 1)
        for k in (raw.get("limits") or {})
    }
    digest = hashlib.sha256(
        json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()[:16]
    return Policy(
        version=str(version),
        digest=digest,
        full_mask=full_mask,
        mask_token=mask_token,
        content_sample_rows=_int(raw, "content_sample_rows", "policy", 1),
        content_threshold=float(threshold),
        rules=rules,
        columns=columns,
        names_same_row=bool(names.get("same_row", True)),
        names_max_other=_int(names, "max_other_names", "names_backstop"),
        k=_int(kanon, "k", "k_anonymity"),
        quasi_identifiers=tuple(qis),
        limits=limits,
        raw=raw,
    )
