"""The policy as a file of its own, versioned by its hash.

A policy file holds what the hub's configuration may hold under ``[policy]``
(``[[policy.rules]]``, ``[[policy.checklists]]``, ``[policy.opt_out]``...), and nothing
else, so moving those tables out of the configuration is a cut and paste, and a wrong
entry is named the same way in both (``policy.rules[0].pattern: ...``). Its version is
the SHA-256 of its bytes: what ``wa-desk hub policy check`` prints, what the hub records
in its chain when it applies it, and what hub replicas compare.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wa_desk.core.guidelines import Guidelines
from wa_desk.hub.settings_values import SettingsError

POLICY_ENV = "WA_POLICY_FILE"


@dataclass(frozen=True, slots=True)
class PolicyVersion:
    guidelines: Guidelines
    digest: str  # lowercase hex SHA-256 of the file's bytes
    path: Path


def read_policy_file(path: Path) -> PolicyVersion:
    """The file's policy, checked whole; :class:`SettingsError` names what is wrong (the
    file itself, or the key: ``policy.rules[1].severity``)."""
    from wa_desk.hub.settings import policy_guidelines

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SettingsError(str(path), f"cannot be read: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(str(path), f"is not valid TOML: {exc}") from exc
    unknown = set(data) - {"policy"}
    if unknown:
        raise SettingsError(
            str(path), f"holds only [policy] tables, not: {', '.join(sorted(unknown))}"
        )
    guidelines = policy_guidelines(data.get("policy", {}))
    return PolicyVersion(guidelines, hashlib.sha256(raw).hexdigest(), path)
