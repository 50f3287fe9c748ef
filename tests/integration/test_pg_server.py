"""The throwaway PostgreSQL server the storage tests run against."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pg_server import PgServer

psycopg = pytest.importorskip("psycopg")

pytestmark = pytest.mark.postgres


def test_create_insert_read(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL)")
        conn.execute("INSERT INTO notes (body) VALUES (%s), (%s)", ("olá", "👋"))
        rows = conn.execute("SELECT body FROM notes ORDER BY id").fetchall()
    assert rows == [("olá",), ("👋",)]


def test_default_database_is_reachable(pg_server: PgServer) -> None:
    with psycopg.connect(pg_server.url) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("wadesk",)
        assert conn.execute("SHOW fsync").fetchone() == ("off",)
        assert conn.execute("SHOW max_connections").fetchone() == ("200",)
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)


def test_databases_are_independent(pg_server: PgServer) -> None:
    url_a = pg_server.new_database("indep_a")
    url_b = pg_server.new_database("indep_b")
    assert url_a != url_b
    with psycopg.connect(url_a) as a, psycopg.connect(url_b) as b:
        a.execute("CREATE TABLE only_in_a (x int)")
        a.execute("INSERT INTO only_in_a VALUES (1)")
        a.commit()
        assert b.execute("SELECT to_regclass('only_in_a')").fetchone() == (None,)
        b.execute("CREATE TABLE only_in_a (x int)")  # same name, no clash
        assert b.execute("SELECT count(*) FROM only_in_a").fetchone() == (0,)
        assert a.execute("SELECT count(*) FROM only_in_a").fetchone() == (1,)


def test_new_database_starts_empty_again(pg_server: PgServer) -> None:
    url = pg_server.new_database("recreated")
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE leftover (x int)")
    url = pg_server.new_database("recreated")
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT to_regclass('leftover')").fetchone() == (None,)


def test_template_copies_schema(pg_server: PgServer) -> None:
    template_url = pg_server.new_database("tmpl_schema")
    with psycopg.connect(template_url) as conn:
        conn.execute("CREATE TABLE chats (id int PRIMARY KEY)")
    with psycopg.connect(pg_server.new_database("from_tmpl", template="tmpl_schema")) as conn:
        assert conn.execute("SELECT count(*) FROM chats").fetchone() == (0,)


def test_server_does_not_run_as_root(pg_server: PgServer) -> None:
    pid = pg_server.postmaster_pid()
    assert pid is not None
    status = Path(f"/proc/{pid}/status").read_text()
    real_uid = int(next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1])
    assert real_uid != 0
    with psycopg.connect(pg_server.url) as conn:
        (data_dir,) = conn.execute("SELECT current_setting('data_directory')").fetchone()
    assert Path(data_dir).stat().st_uid == real_uid
    if os.geteuid() != 0:
        assert real_uid == os.geteuid()
