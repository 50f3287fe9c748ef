"""Hub settings: a TOML file, then environment variables, then command-line flags.

A missing or invalid setting is a :class:`SettingsError` naming it; the CLI prints it on
one line and exits 2. Secrets are wrapped so that no repr or log line can show them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wa_desk.core.guidelines import Guidelines, InvalidGuideline, guidelines_from_json
from wa_desk.core.text_rules import check_rule_table
from wa_desk.hub.db.database import DatabaseUrl, default_sqlite_path
from wa_desk.hub.db.errors import UnsupportedDatabaseUrl
from wa_desk.hub.http_limits import HttpLimits, http_limits
from wa_desk.hub.intake_limits import IntakeLimits, intake_limits
from wa_desk.hub.media_cache_limits import MediaCacheLimits, media_cache_limits
from wa_desk.hub.policy_file import POLICY_ENV, read_policy_file
from wa_desk.hub.replica_id import replica_id
from wa_desk.hub.session_policy import SessionPolicy, session_policy
from wa_desk.hub.settings_values import SettingsError
from wa_desk.hub.stream_purge import DEFAULT_WALLBOARD_MINUTES

__all__ = ["HubSettings", "QueueConfig", "Secret", "SettingsError", "load_settings"]

META_GRAPH_URL = "https://graph.facebook.com"
DEFAULT_API_VERSION = "v21.0"
MAX_ALERT_INTERVAL_SECONDS = 10.0
DEFAULT_PURGE_INTERVAL_MINUTES = 60
MAX_PURGE_INTERVAL_MINUTES = 7 * 24 * 60


class Secret:
    """A secret value; shows as ``***`` everywhere but :meth:`reveal`."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class QueueConfig:
    name: str
    phone_number_ids: tuple[str, ...]


@dataclass(frozen=True)
class HubSettings:
    app_secret: Secret
    verify_token: Secret
    access_token: Secret
    db: str
    graph_url: str = META_GRAPH_URL
    api_version: str = DEFAULT_API_VERSION
    waba_id: str | None = None
    queues: tuple[QueueConfig, ...] = ()
    host: str = "127.0.0.1"
    port: int = 8700
    max_body_bytes: int = 1_048_576
    token_ttl_hours: float = 12.0
    heartbeat_seconds: float = 15.0
    template_sync_minutes: float = 30.0
    # How often time-based alert conditions are checked ([hub] alert_interval_seconds):
    # at most MAX_ALERT_INTERVAL_SECONDS, so an alert is raised within 15 s of its condition.
    alert_interval_seconds: float = 5.0
    # Whether the wallboard's rows are read and computed in a process of their own
    # ([hub] wallboard_process, true by default in a configuration: hub.wallboard_reader);
    # a hub made in code reads them in its own process.
    wallboard_process: bool = False
    retention_days: int | None = None  # None: audit events and messages are kept forever
    # How long superseded wallboard pushes stay in the stream ([audit]
    # wallboard_retention_minutes); every row's newest stays (hub.stream_purge).
    wallboard_retention_minutes: int = DEFAULT_WALLBOARD_MINUTES
    # How often the hub makes the retention purge itself ([audit] purge_interval_minutes,
    # in seconds here); 0: never (hub.retention_loop).
    purge_interval_seconds: float = DEFAULT_PURGE_INTERVAL_MINUTES * 60.0
    guidelines: Guidelines = field(default_factory=Guidelines)  # [[policy.*]] of the TOML
    # A policy file of its own ([hub] policy_file or WA_POLICY_FILE; hub.policy_file),
    # which the hub reloads on SIGHUP, and the hash of the version applied; None: the
    # policy is the configuration's [policy], read once.
    policy_file: Path | None = None
    policy_hash: str | None = None
    sessions: SessionPolicy = field(default_factory=SessionPolicy)  # [sessions]
    http: HttpLimits = field(default_factory=HttpLimits)  # [http]
    intake: IntakeLimits = field(default_factory=IntakeLimits)  # [intake]
    # The media cache's size cap and age limit ([hub] media_cache_max_bytes and
    # media_cache_max_age_days), kept by every replica's sweep (hub.media_cache_sweep).
    media_cache: MediaCacheLimits = field(default_factory=MediaCacheLimits)
    # Which replica this process is ([hub] replica_id or WA_REPLICA_ID; hub.replica_id):
    # its audit facts go to the chain ``hub/<replica_id>``; None: the one chain ``hub``.
    replica_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def queue_for(self, phone_number_id: str) -> str:
        """The queue of a business number; with no mapping, each number is its own queue."""
        for q in self.queues:
            if phone_number_id in q.phone_number_ids:
                return q.name
        return phone_number_id


_ENV = {
    "app_secret": "WA_APP_SECRET",
    "verify_token": "WA_VERIFY_TOKEN",
    "access_token": "WA_ACCESS_TOKEN",
    "graph_url": "WA_GRAPH_URL",
    "db": "WA_DB",
    "waba_id": "WA_WABA_ID",
    "api_version": "WA_API_VERSION",
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise SettingsError("--config", f"no such file: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError("--config", f"{path} is not valid TOML: {exc}") from exc


def _str(value: Any, setting: str) -> str:
    if not isinstance(value, str):
        raise SettingsError(setting, "must be a string")
    return value


def load_settings(
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> HubSettings:
    env = os.environ if env is None else env
    data = _read_toml(config) if config else {}
    hub = data.get("hub", {})
    wa = data.get("whatsapp", {})
    if not isinstance(hub, dict) or not isinstance(wa, dict):
        raise SettingsError("--config", "[hub] and [whatsapp] must be tables")
    merged: dict[str, Any] = {**hub, **wa}
    for key, var in _ENV.items():
        if env.get(var):
            merged[key] = env[var]
    for key, value in (overrides or {}).items():
        if value is not None:
            merged[key] = value

    secrets: dict[str, Secret] = {}
    for key in ("app_secret", "verify_token", "access_token"):
        value = merged.get(key)
        if not value:
            raise SettingsError(
                _ENV[key],
                f"is required (environment variable or [whatsapp] {key} in the config file)",
            )
        secrets[key] = Secret(_str(value, _ENV[key]))

    db = _str(merged.get("db") or f"sqlite:///{default_sqlite_path()}", "WA_DB")
    try:
        dialect = DatabaseUrl.parse(db).dialect
    except UnsupportedDatabaseUrl as exc:
        raise SettingsError("WA_DB", str(exc)) from exc

    graph_url = _str(merged.get("graph_url", META_GRAPH_URL), "WA_GRAPH_URL").rstrip("/")
    parts = urlsplit(graph_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError("WA_GRAPH_URL", f"must be an http(s) URL, not {graph_url!r}")

    api_version = _str(merged.get("api_version", DEFAULT_API_VERSION), "WA_API_VERSION")
    if not (api_version.startswith("v") and api_version[1:].replace(".", "").isdigit()):
        raise SettingsError("WA_API_VERSION", f"must look like v21.0, not {api_version!r}")

    queues = _queues(data.get("queues", []))
    port = merged.get("port", 8700)
    if not isinstance(port, int) or not 0 <= port <= 65535:
        raise SettingsError("port", "must be a number from 0 to 65535")
    max_body = merged.get("max_body_bytes", 1_048_576)
    if not isinstance(max_body, int) or max_body < 1024:
        raise SettingsError("max_body_bytes", "must be a whole number of at least 1024")
    waba = merged.get("waba_id")
    alert_interval = merged.get("alert_interval_seconds", 5.0)
    if (
        isinstance(alert_interval, bool)
        or not isinstance(alert_interval, int | float)
        or not 0 < alert_interval <= MAX_ALERT_INTERVAL_SECONDS
    ):
        raise SettingsError(
            "alert_interval_seconds",
            f"must be a number of seconds above 0 and at most {MAX_ALERT_INTERVAL_SECONDS}",
        )
    wallboard_process = merged.get("wallboard_process", True)
    if not isinstance(wallboard_process, bool):
        raise SettingsError("wallboard_process", "must be true or false")
    retention = retention_days(data, env)
    wallboard_minutes = wallboard_retention_minutes(data, env)
    purge_minutes = purge_interval_minutes(data, env)
    guidelines = policy_guidelines(data.get("policy", {}))
    policy_file = _policy_file(merged, env, config)
    policy_hash = None
    if policy_file is not None:
        if "policy" in data:
            raise SettingsError(
                "policy_file",
                f"the policy is {policy_file}: remove [policy] from the configuration",
            )
        version = read_policy_file(policy_file)
        guidelines, policy_hash = version.guidelines, version.digest
    return HubSettings(
        app_secret=secrets["app_secret"],
        verify_token=secrets["verify_token"],
        access_token=secrets["access_token"],
        db=db,
        graph_url=graph_url,
        api_version=api_version,
        waba_id=None if waba in (None, "") else str(waba),
        queues=queues,
        host=_str(merged.get("host", "127.0.0.1"), "host"),
        port=port,
        max_body_bytes=max_body,
        token_ttl_hours=float(merged.get("token_ttl_hours", 12.0)),
        heartbeat_seconds=float(merged.get("heartbeat_seconds", 15.0)),
        template_sync_minutes=float(merged.get("template_sync_minutes", 30.0)),
        alert_interval_seconds=float(alert_interval),
        wallboard_process=wallboard_process,
        retention_days=retention,
        wallboard_retention_minutes=wallboard_minutes,
        purge_interval_seconds=purge_minutes * 60.0,
        guidelines=guidelines,
        policy_file=policy_file,
        policy_hash=policy_hash,
        sessions=session_policy(data.get("sessions", {})),
        http=http_limits(data.get("http", {})),
        intake=intake_limits(data.get("intake", {})),
        media_cache=media_cache_limits(hub, env),
        replica_id=replica_id(hub, env, dialect),
    )


MAX_RETENTION_DAYS = 36_500
_RETENTION_ENV = "WA_AUDIT_RETENTION_DAYS"


def _audit_table(data: Mapping[str, Any]) -> Mapping[str, Any]:
    audit = data.get("audit", {})
    if not isinstance(audit, dict):
        raise SettingsError("--config", "[audit] must be a table")
    return audit


def retention_days(data: Mapping[str, Any], env: Mapping[str, str]) -> int | None:
    """How many days audit events and closed conversations are kept (``[audit]
    retention_days`` or ``WA_AUDIT_RETENTION_DAYS``); None, the default, keeps them forever.
    ``"off"`` (or an empty value) says so explicitly."""
    audit = _audit_table(data)
    raw: Any = audit.get("retention_days")
    setting = "[audit] retention_days"
    if env.get(_RETENTION_ENV) is not None:
        raw, setting = env[_RETENTION_ENV].strip(), _RETENTION_ENV
        if raw.isdigit():
            raw = int(raw)
    if raw is None or (isinstance(raw, str) and raw.lower() in ("", "off", "none")):
        return None
    if type(raw) is not int or not 1 <= raw <= MAX_RETENTION_DAYS:
        raise SettingsError(
            setting,
            f"must be a whole number of days from 1 to {MAX_RETENTION_DAYS}, or off (not {raw!r})",
        )
    return raw


def resolve_retention_days(config: Path | None, env: Mapping[str, str]) -> int | None:
    """The retention period alone (for commands that need no WhatsApp credentials)."""
    return retention_days(_read_toml(config) if config else {}, env)


MAX_WALLBOARD_MINUTES = 7 * 24 * 60
_WALLBOARD_ENV = "WA_WALLBOARD_RETENTION_MINUTES"


def _audit_minutes(
    data: Mapping[str, Any],
    env: Mapping[str, str],
    key: str,
    env_name: str,
    default: int,
    low: int,
    high: int,
    low_words: str,
) -> int:
    """A whole number of minutes from ``[audit] key`` or the ``env_name`` variable (which
    wins), within ``[low, high]``; the error names where it came from."""
    raw: Any = _audit_table(data).get(key, default)
    setting = f"[audit] {key}"
    if env.get(env_name) is not None:
        raw, setting = env[env_name].strip(), env_name
        if raw.isdigit():
            raw = int(raw)
    if type(raw) is not int or not low <= raw <= high:
        raise SettingsError(
            setting, f"must be a whole number of minutes from {low_words} to {high} (not {raw!r})"
        )
    return raw


def wallboard_retention_minutes(data: Mapping[str, Any], env: Mapping[str, str]) -> int:
    """How many minutes a wallboard push that a newer one of its row replaced stays in
    the stream (``[audit] wallboard_retention_minutes`` or
    ``WA_WALLBOARD_RETENTION_MINUTES``; an hour by default): long enough for a desktop
    that dropped its stream to resume, not the whole retention period."""
    return _audit_minutes(
        data,
        env,
        "wallboard_retention_minutes",
        _WALLBOARD_ENV,
        DEFAULT_WALLBOARD_MINUTES,
        1,
        MAX_WALLBOARD_MINUTES,
        "1",
    )


def resolve_wallboard_retention_minutes(config: Path | None, env: Mapping[str, str]) -> int:
    """The wallboard pushes' lifetime alone (for the retention command)."""
    return wallboard_retention_minutes(_read_toml(config) if config else {}, env)


_PURGE_INTERVAL_ENV = "WA_PURGE_INTERVAL_MINUTES"


def purge_interval_minutes(data: Mapping[str, Any], env: Mapping[str, str]) -> int:
    """How often, in minutes, the hub makes the retention purge itself (``[audit]
    purge_interval_minutes`` or ``WA_PURGE_INTERVAL_MINUTES``; hourly by default). 0: never
    (the purge is then left to ``wa-desk hub retention purge``, from cron)."""
    return _audit_minutes(
        data,
        env,
        "purge_interval_minutes",
        _PURGE_INTERVAL_ENV,
        DEFAULT_PURGE_INTERVAL_MINUTES,
        0,
        MAX_PURGE_INTERVAL_MINUTES,
        "0 (never)",
    )


def resolve_guidelines(config: Path | None) -> Guidelines:
    """The policy alone (for commands that need no WhatsApp credentials): the policy
    file's, when there is one, else the configuration's ``[policy]``."""
    data = _read_toml(config) if config else {}
    hub = data.get("hub", {})
    policy_file = _policy_file(hub if isinstance(hub, dict) else {}, os.environ, config)
    if policy_file is not None:
        return read_policy_file(policy_file).guidelines
    return policy_guidelines(data.get("policy", {}))


def resolve_hub_path(config: Path | None, key: str) -> Path | None:
    """A file named in ``[hub]`` (``policy_file``, ``pid_file``), relative to the
    configuration's folder; the policy file may come from ``WA_POLICY_FILE`` too."""
    data = _read_toml(config) if config else {}
    hub = data.get("hub", {})
    hub = hub if isinstance(hub, dict) else {}
    if key == "policy_file":
        return _policy_file(hub, os.environ, config)
    value = hub.get(key)
    if value in (None, ""):
        return None
    path = Path(_str(value, key)).expanduser()
    return path if path.is_absolute() or config is None else config.parent / path


def resolve_queues(config: Path | None) -> tuple[QueueConfig, ...]:
    """The ``[[queues]]`` alone (for commands that need no WhatsApp credentials)."""
    return _queues((_read_toml(config) if config else {}).get("queues", []))


def _policy_file(
    merged: Mapping[str, Any], env: Mapping[str, str], config: Path | None
) -> Path | None:
    """``WA_POLICY_FILE``, else ``[hub] policy_file`` (relative to the configuration's
    folder), else None."""
    value = env.get(POLICY_ENV) or merged.get("policy_file")
    if value in (None, ""):
        return None
    path = Path(_str(value, "policy_file")).expanduser()
    if not path.is_absolute() and config is not None and not env.get(POLICY_ENV):
        path = config.parent / path
    return path


_POLICY_KEYS = (
    "checklists",
    "rules",
    "dispositions",
    "sla",
    "agents",
    "canned_replies",
    "promises",
    "csat",
    "auto_replies",
    "routing",
)
_POLICY_TABLES = ("alerts", "opt_out")


def policy_guidelines(raw: Any) -> Guidelines:
    """``[[policy.checklists]]``, ``[[policy.rules]]``, ``[[policy.dispositions]]``
    (without an every-queue list of dispositions, the built-in one) and
    ``[[policy.sla]]``, ``[[policy.agents]]`` (default capacities),
    ``[[policy.canned_replies]]``, ``[[policy.promises]]`` (what the composer offers to
    record as a promise), ``[[policy.auto_replies]]`` and ``[policy.alerts]`` (the early
    alerts' thresholds); an unusable one is an error naming it
    (``policy.rules[0].pattern: ...``, ``policy.rules[1].detector: ...``,
    ``policy.sla[0].hours.mon[1]: ...``, ``policy.agents[0].capacity: ...``,
    ``policy.canned_replies[0].shortcut: ...``, ``policy.auto_replies[0].away: ...``,
    ``policy.alerts.backlog_waiting: ...``),
    ``[policy.opt_out]`` (the phrases that stop and resume marketing,
    ``core/opt_out.py``) and ``[[policy.csat]]`` (the satisfaction survey after a close,
    ``core/csat.py``: ``policy.csat[0].rows[4]: ...``) and ``[[policy.routing]]`` (who
    gets a waiting conversation, ``core/routing.py``: ``policy.routing[0].mode: ...``)."""
    if not isinstance(raw, dict):
        raise SettingsError("policy", "must be a table ([policy] or [[policy.rules]])")
    unknown = set(raw) - set(_POLICY_KEYS) - set(_POLICY_TABLES)
    if unknown:
        raise SettingsError("policy", f"unknown keys: {', '.join(sorted(unknown))}")
    for key in _POLICY_KEYS:
        if not isinstance(raw.get(key, []), list):
            raise SettingsError(f"policy.{key}", f"must be an array of tables ([[policy.{key}]])")
    try:
        for i, rule in enumerate(raw.get("rules", [])):
            check_rule_table(rule, f"rules[{i}]")
        for i, promise in enumerate(raw.get("promises", [])):
            if isinstance(promise, dict) and "phrase" in promise and "pattern" in promise:
                raise InvalidGuideline(f"promises[{i}].pattern", "only one of phrase, pattern")
        guidelines = guidelines_from_json(raw)
    except InvalidGuideline as exc:
        raise SettingsError(f"policy.{exc.where}", exc.problem) from exc
    ids = [r.id for r in guidelines.rules]
    if len(ids) != len(set(ids)):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise SettingsError("policy.rules", f"rule ids must be unique: {', '.join(twice)}")
    return guidelines


def _queues(raw: Any) -> tuple[QueueConfig, ...]:
    if not isinstance(raw, list):
        raise SettingsError("queues", "must be an array of tables ([[queues]])")
    out: list[QueueConfig] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise SettingsError(f"queues[{i}]", "needs a name")
        ids = item.get("phone_number_ids", [])
        if not isinstance(ids, list) or not all(isinstance(x, str | int) for x in ids):
            raise SettingsError(f"queues[{i}].phone_number_ids", "must be a list of ids")
        for pid in map(str, ids):
            if pid in seen:
                raise SettingsError(
                    f"queues[{i}].phone_number_ids", f"{pid} is already in queue {seen[pid]}"
                )
            seen[pid] = item["name"]
        out.append(QueueConfig(item["name"], tuple(map(str, ids))))
    return tuple(out)


def resolve_replica_id(config: Path | None, env: Mapping[str, str], db_url: str) -> str | None:
    """The replica id alone (for commands that record audit facts without the WhatsApp
    credentials), for the store at ``db_url``."""
    hub = (_read_toml(config) if config else {}).get("hub", {})
    return replica_id(hub if isinstance(hub, dict) else {}, env, DatabaseUrl.parse(db_url).dialect)


def resolve_db_url(config: Path | None, env: Mapping[str, str], override: str | None) -> str:
    """The store URL alone (for commands that need no WhatsApp credentials)."""
    url: str
    if override:
        url = override
    elif env.get("WA_DB"):
        url = env["WA_DB"]
    else:
        hub = _read_toml(config).get("hub", {}) if config else {}
        configured = hub.get("db") if isinstance(hub, dict) else None
        url = str(configured) if configured else f"sqlite:///{default_sqlite_path()}"
    try:
        DatabaseUrl.parse(str(url))
    except UnsupportedDatabaseUrl as exc:
        raise SettingsError("WA_DB", str(exc)) from exc
    return str(url)
