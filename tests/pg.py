"""A throwaway PostgreSQL server for tests: initdb in a temp dir, a random port on 127.0.0.1.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` user
(``runuser -u postgres --``). ``KRONIKA_TEST_PG_URL`` points the tests at an existing server instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def pg_bindir() -> Path | None:
    """The newest Debian PostgreSQL binaries, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server; yield the base URL ``postgresql://postgres@127.0.0.1:PORT``; stop and delete it."""
    bindir = pg_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL binaries not found (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    tmp = Path(tempfile.mkdtemp(prefix="kronika-pg-"))
    if as_root:
        shutil.chown(tmp, "postgres", "postgres")
    data, port = tmp / "data", _free_port()
    run = lambda *args: subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(tmp / "log"), "-w", "-t", "60", "start")
        _watchdog(prefix, bindir / "pg_ctl", data, tmp)
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}"
        finally:
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Stops the server and deletes its directory if the test process dies without cleaning up
# (killed by a timeout, SIGKILL): a throwaway server must never outlive its test run.
_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, tmp, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    time.sleep(1)
    if not os.path.isdir(tmp):
        sys.exit(0)
    try:
        os.kill(parent, 0)
    except OSError:
        subprocess.run(cmd, capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)
        sys.exit(0)
"""


def _watchdog(prefix: list[str], pg_ctl: Path, data: Path, tmp: Path) -> None:
    stop = [*prefix, str(pg_ctl), "-D", str(data), "-m", "immediate", "-w", "stop"]
    subprocess.Popen(
        [sys.executable, "-c", _WATCHDOG, str(os.getpid()), str(tmp), *stop],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def create_database(base_url: str) -> str:
    """A fresh, empty database on the server; returns its URL."""
    import psycopg

    name = f"kronika_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"
