"""Fault test: the desktop is SIGKILLed 20 times while it syncs a long action log.

A child process (``audit_sync_child.py``) pre-fills its local log with 30,000 events,
then syncs it to a real hub on loopback while it keeps appending and printing each seq
its append returned and each acknowledgement. It is killed once during the pre-fill,
then 20 times during the sync at seeded points measured in events the hub acknowledged:
the child stops dead there (just after the hub took a batch and before the desktop
recorded it, or just before sending one) and says so, so every kill lands where it was
meant to whatever the machine's speed. It restarts on the same file each time, then is
left to finish. Afterwards: every seq the child reported is in the local log and on the
hub; the hub holds the local chain exactly (same ids and hashes, each once); both
copies verify.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hub_harness import RunningHub, running_hub

from wa_desk.core.audit_chain import verify
from wa_desk.hub.queries import audit_log
from wa_desk.store.local_store import LocalStore

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]

CHILD = Path(__file__).with_name("audit_sync_child.py")
PREFILL = 30_000
TOTAL = 31_500  # each run appends until the chain holds this many
KILLS = 20  # during the sync, after the one during the pre-fill
BATCH = 500  # the syncer's batch
SEED = 20_261_124


class Child:
    """One run of the child; its stdout lines collected by a thread."""

    def __init__(self, store: Path, hub: RunningHub, user_id: str, token: str, *stop: str) -> None:
        limits = ["--total", str(TOTAL), "--prefill", str(PREFILL), *stop]
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(store), hub.url, user_id, *limits],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(token + "\n")
        self.proc.stdin.close()
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def wait_for(self, word: str, within: float) -> None:
        deadline = time.monotonic() + within
        while word not in self.lines:
            if self.proc.poll() is not None and word not in self.lines:
                self._reader.join(5)
                if word in self.lines:
                    return
                raise AssertionError(f"the child ended ({self.proc.returncode}) before {word}")
            assert time.monotonic() < deadline, f"no {word} from the child in {within} s"
            time.sleep(0.01)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.finish()

    def finish(self) -> int:
        code = self.proc.wait(10)
        self._reader.join(10)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        return code

    def last_ack(self) -> int | None:
        acks = [int(line[2:]) for line in self.lines if line.startswith("K ")]
        return acks[-1] if acks else None

    def reported(self) -> set[int]:
        """Every seq whose append returned, as the child said."""
        seqs: set[int] = set()
        for line in self.lines:
            kind, _, value = line.partition(" ")
            if kind == "A":
                seqs.add(int(value))
            elif kind == "P":
                seqs.update(range(1, int(value) + 1))
        return seqs


def hub_acked(hub: RunningHub, device: str) -> int:
    return int(hub.ctx.db.read_sync(lambda c: audit_log.acked_seq(c, device)))


def install_id(store_path: Path) -> str:
    with LocalStore.open(store_path) as store:
        return store.device_id


def test_twenty_kills_during_a_long_sync_lose_nothing_and_duplicate_nothing(
    tmp_path: Path,
) -> None:
    rng = random.Random(SEED)
    store_path = tmp_path / "desk.sqlite3"
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        me = hub.add_user("ana")
        hub.login("ana")
        token = hub.tokens["ana"]
        reported: set[int] = set()
        # The first kill lands in the pre-fill (the second stops before the first batch,
        # so nothing was sent by then).
        child = Child(store_path, hub, me, token, "--stop-at", "0", "--stop-mode", "before")
        child.wait_for("P 10000", 60)
        child.kill()
        reported |= child.reported()
        device = f"{install_id(store_path)}/{me}"
        assert hub_acked(hub, device) == 0
        # Then 20 points of the backlog, in events acknowledged, each at least one batch
        # into it and one batch before its end.
        points = sorted(rng.sample(range(1, PREFILL // BATCH - 1), KILLS))
        kills: list[tuple[int, str, int, int | None]] = []
        for point in points:
            mode = rng.choice(("after", "before"))
            stop = ["--stop-at", str(point * BATCH), "--stop-mode", mode]
            child = Child(store_path, hub, me, token, *stop)
            child.wait_for("S", 60)
            child.kill()
            reported |= child.reported()
            kills.append((point * BATCH, mode, hub_acked(hub, device), child.last_ack()))
        last = Child(store_path, hub, me, token)
        last.wait_for("DONE", 60)
        assert last.finish() == 0
        reported |= last.reported()

        with LocalStore.open(store_path) as store:
            device = store.chain_id(me)
            local = store.chain_events(device, 0, 1_000_000)
        on_hub = hub.ctx.db.read_sync(lambda c: audit_log.chain_events(c, device, 0, 1_000_000))
        acked = hub.ctx.db.read_sync(lambda c: audit_log.acked_seq(c, device))

    # Every kill landed while the pre-filled backlog was going out, where it was meant to.
    assert len(kills) == KILLS
    for point, mode, held, last_ack in kills:
        assert 0 < held < PREFILL, kills
        if mode == "after":  # the hub took the batch the desktop never recorded
            assert held == last_ack and held >= point, kills
        else:  # the batch past the point was never sent
            assert held <= point, kills
    assert {mode for _, mode, _, _ in kills} == {"after", "before"}
    assert len(local) == TOTAL
    assert [e["seq"] for e in local] == list(range(1, TOTAL + 1))
    assert reported <= {e["seq"] for e in local}
    assert len(reported) >= PREFILL  # the kills did not stop the appends being reported
    assert verify(local) == []
    assert acked == TOTAL
    assert len(on_hub) == len({e["id"] for e in on_hub}) == TOTAL
    assert [(e["id"], e["hash"]) for e in on_hub] == [(e["id"], e["hash"]) for e in local]
    assert on_hub == local
    assert verify(on_hub) == []
