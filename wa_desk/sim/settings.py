"""Every knob of the simulator, declared once with its default and why."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_ACCESS_TOKEN = "sim-access-token"  # noqa: S105 - a stand-in, not a secret
DEFAULT_APP_SECRET = "sim-fake-app-secret"  # noqa: S105 - a stand-in, not a secret
WEEK_S = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class SimSettings:
    access_token: str = DEFAULT_ACCESS_TOKEN
    app_secret: str = DEFAULT_APP_SECRET
    # Base URL of the hub; webhooks go to ``{hub_url}{webhook_path}``. None keeps them
    # in ``World.webhooks`` only (unit tests).
    hub_url: str | None = None
    webhook_path: str = "/webhooks/whatsapp"
    # Multiplies every simulated delay (status progression, customer think time).
    # 1.0 is real time; tests use 0.001 or so.
    time_scale: float = 1.0
    # Meta's default Cloud API throughput is 80 messages/s per business number.
    rate_per_number: float = 80.0
    # Meta allows about one message every 6 s to one customer, with bursts. The
    # default is more generous so that demos and benchmarks do not trip on it.
    pair_burst: int = 100
    pair_per_second: float = 1.0
    # Chance that an accepted send ends in a ``failed`` status instead of delivered.
    failure_probability: float = 0.0
    failure_code: int = 131026
    # Chance that a delivered message is also read.
    read_probability: float = 1.0
    # Seconds (before time_scale) from acceptance to each status.
    sent_after_s: float = 0.5
    delivered_after_s: float = 1.5
    read_after_s: float = 6.0
    # "sync": a free-form send outside the window is refused with HTTP 400 (#131047).
    # "webhook": it is accepted and fails later with a failed status, as Meta also does.
    window_errors: str = "sync"
    # "webhook": a marketing template to a customer who stopped marketing is accepted and
    # fails later with 131050, as Meta usually reports it; "sync": refused with HTTP 400.
    marketing_stopped_errors: str = "webhook"
    # Webhook delivery: exponential backoff with jitter, Meta-like give-up horizon.
    retry_base_s: float = 1.0
    retry_cap_s: float = 300.0
    give_up_after_s: float = WEEK_S
    delivery_concurrency: int = 16
    delivery_timeout_s: float = 10.0
    seed: int | None = None

    @property
    def webhook_url(self) -> str | None:
        if self.hub_url is None:
            return None
        return self.hub_url.rstrip("/") + self.webhook_path

    def scaled(self, seconds: float) -> float:
        return max(0.0, seconds * self.time_scale)
