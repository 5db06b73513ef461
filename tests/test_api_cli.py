"""`veilleur serve`: flags, refusals with one line and exit 2, and a real server process on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from test_api_data import fill
from veilleur.cli import _register, app


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def test_serve_help_lists_its_flags(runner: CliRunner) -> None:
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0
    for flag in ("--db", "--host", "--port", "--api-key-file"):
        assert flag in r.output
    assert "127.0.0.1" in r.output


def test_serve_refuses_bad_inputs_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "key"
    empty.write_text("\n")
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "v.db"), "--api-key-file", str(empty)])
    assert r.exit_code == 2 and "empty" in r.output
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "v.db"), "--api-key-file", str(tmp_path / "nope")])
    assert r.exit_code == 2 and "cannot read" in r.output
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing-dir" / "v.db")])
    assert r.exit_code == 2 and "does not exist" in r.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_a_server_with_the_key_file(tmp_path: Path) -> None:
    db = fill(tmp_path / "v.db")
    key = tmp_path / "key"
    key.write_text("from-file\n")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "VEILLEUR_API_KEY"}
    proc = subprocess.Popen([sys.executable, "-c", "from veilleur.cli import main; main()", "serve", "--db", db,
                             "--port", str(port), "--api-key-file", str(key)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"{base}/api/events", params={"actor": "IRN"}, timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("veilleur serve did not start: " + proc.stderr.read().decode()[-500:]
                                if proc.poll() is not None else "veilleur serve did not start in 30 s")
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["total"] == 1
        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "veilleur"
        # the key comes from the file: a wrong one is 401 (not 403: writes are enabled)
        w = httpx.post(f"{base}/api/documents", json={"text": "x"}, headers={"X-API-Key": "nope"})
        assert w.status_code == 401
        w = httpx.post(f"{base}/documents", json={"text": "x"}, headers={"X-API-Key": "nope"})
        assert w.status_code == 401
    finally:
        proc.terminate()
        proc.wait(10)
