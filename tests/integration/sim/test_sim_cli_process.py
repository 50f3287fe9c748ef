"""``wa-desk sim`` as a process: serves, drives customers to the hub, stops on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
from sim_receiver import SECRET, Receiver, free_port, wait_until

from wa_desk.sim.serving import serve_asgi


def test_runs_customers_against_the_hub_and_stops_cleanly_on_sigterm() -> None:
    receiver = Receiver()
    port = free_port()
    with serve_asgi(receiver.app) as hub_url:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wa_desk.sim.cli",
                "sim",
                "--hub",
                hub_url,
                "--app-secret",
                SECRET,
                "--port",
                str(port),
                "--customers",
                "6",
                "--rate",
                "40",
                "--seed",
                "1",
                "--time-scale",
                "0.001",
                "--languages",
                "es,pt",
                "--access-token",
                "tok",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert wait_until(lambda: len(receiver.message_ids()) >= 10, 20), (
                proc.stderr.read() if proc.poll() is not None else "no webhooks"
            )
            r = httpx.get(
                f"http://127.0.0.1:{port}/v23.0/100000000000001",
                headers={"Authorization": "Bearer tok"},
            )
            assert r.status_code == 200
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert receiver.bad_signatures == 0
