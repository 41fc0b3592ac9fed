"""The deployments as an operator runs them: a local Prefect server, ``prefect deploy --all``, a worker.

Everything is real and on loopback: ``prefect server start`` on a free port with its state in a temporary
PREFECT_HOME, the work pool the Makefile creates, ``prefect deploy --all`` reading the project's prefect.yaml,
a deployment run of the daily poll triggered with ``prefect deployment run`` against the sample site served
by the mirror, and a ``prefect worker`` executing it in a subprocess. About 40 s on this machine.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from conftest import ROOT, SITE

from warehouse.load.database import connect
from warehouse.sources.gacc.mirror import Mirror

PREFECT = str(Path(sys.executable).with_name("prefect"))
POOL = "gacc-local"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (found := check()) is not None:
            return found
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


@pytest.fixture
def prefect_server(tmp_path: Path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "INFO",
    }
    (tmp_path / "prefect").mkdir()
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def healthy() -> bool | None:
            try:
                return True if requests.get(f"{api}/health", timeout=2).ok else None
            except requests.ConnectionError:
                return None

        try:
            _wait_until(healthy, 120, "the Prefect server")
            yield api, env
        finally:
            server.terminate()
            server.wait(timeout=30)


def _prefect(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PREFECT, "--no-prompt", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_prefect_deploy_all_and_a_deployment_run_of_the_poll_completes(
    prefect_server, tmp_path: Path
) -> None:
    api, env = prefect_server
    _prefect(env, "work-pool", "create", POOL, "--type", "process")
    _prefect(env, "work-pool", "set-concurrency-limit", POOL, "1")
    _prefect(env, "deploy", "--all")

    poll = requests.get(f"{api}/deployments/name/monthly-release/daily-poll", timeout=10).json()
    [schedule] = poll["schedules"]
    assert schedule["schedule"]["cron"] == "15 12,20 6-26 * *"
    assert schedule["schedule"]["timezone"] == "Asia/Shanghai" and schedule["active"]
    assert poll["global_concurrency_limit"]["limit"] == 1
    assert poll["concurrency_options"]["collision_strategy"] == "ENQUEUE"
    assert poll["parameters"] == {"period": "recent"} and poll["work_pool_name"] == POOL
    backfill = requests.get(f"{api}/deployments/name/backfill/backfill", timeout=10).json()
    assert backfill["global_concurrency_limit"]["limit"] == 1 and backfill["schedules"] == []

    data = tmp_path / "data"
    with Mirror(SITE) as mirror:
        output = _prefect(
            env,
            "deployment",
            "run",
            "monthly-release/daily-poll",
            "--param",
            f"base_url={mirror.base_url}",
            "--param",
            f"data_dir={data}",
        )
        [flow_run_id] = [line.split()[-1] for line in output.splitlines() if "UUID:" in line]
        with open(tmp_path / "worker.log", "w") as worker_log:
            worker = subprocess.Popen(
                [PREFECT, "worker", "start", "--pool", POOL],
                cwd=ROOT,
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
            )
            try:

                def finished() -> dict | None:
                    run = requests.get(f"{api}/flow_runs/{flow_run_id}", timeout=10).json()
                    done = run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")
                    return run if done else None

                run = _wait_until(finished, 180, "the deployment run")
            finally:
                worker.terminate()
                worker.wait(timeout=30)
        index_requests = [path for path in mirror.paths() if path.startswith("/statics/report/")]

    assert run["state"]["type"] == "COMPLETED", (tmp_path / "worker.log").read_text()[-4000:]
    # The poll read this and last year's index pages of both products, and published what it found.
    assert sorted(set(index_requests)) == [
        "/statics/report/monthly.html",
        "/statics/report/monthly2025.html",
        "/statics/report/preliminary.html",
        "/statics/report/preliminary2025.html",
    ]
    con = connect(data / "warehouse.duckdb", read_only=True)
    try:
        loaded = con.sql(
            "select product, strftime(period_key, '%Y-%m') from meta.releases order by all"
        ).fetchall()
    finally:
        con.close()
    assert loaded == [
        ("bulletin", "2026-01"),
        ("bulletin", "2026-06"),
        ("preliminary", "2025-02"),
        ("preliminary", "2026-03"),
    ]
    assert len(list((data / "runs").glob("*.json"))) == 1


def test_gacc_run_works_in_ephemeral_mode_with_prefect_state_in_the_data_directory(tmp_path: Path) -> None:
    """No server, no PREFECT_HOME given: a one-off run starts Prefect for itself, its state under data/."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("gacc")), "run", "--period", "2026-03",
         "--mirror-root", str(SITE), "--data-dir", str(data)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    assert "pages: 1 loaded" in done.stdout and "\npublished" in done.stdout
    assert (data / "prefect" / "prefect.db").exists()  # PREFECT_HOME = <data dir>/prefect
