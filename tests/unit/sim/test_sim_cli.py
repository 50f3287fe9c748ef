"""``wa-desk sim`` argument handling."""

from __future__ import annotations

import argparse

import pytest

from wa_desk.sim.cli import add_parser, run


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="wa-desk")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["sim", *argv])


@pytest.mark.parametrize("argv", [[], ["--hub", "http://127.0.0.1:1"], ["--app-secret", "s"]])
def test_missing_hub_or_secret_is_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(parse(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--hub and --app-secret are required" in err


def test_bad_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["--hub", "http://h", "--app-secret", "s", "--languages", "es,klingon"])
    assert run(args) == 2
    assert "klingon" in capsys.readouterr().err


def test_defaults() -> None:
    args = parse(["--hub", "http://h", "--app-secret", "s"])
    assert (args.host, args.port, args.customers, args.time_scale) == ("127.0.0.1", 8081, 20, 1.0)
