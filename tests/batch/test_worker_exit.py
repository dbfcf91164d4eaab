"""Worker processes end quickly and cleanly when told to stop (see ``kronika.batch.pool.exit_now``)."""

from __future__ import annotations

import subprocess
import sys

from kronika.batch import local


def test_exit_now_flushes_what_the_worker_printed_and_exits_with_zero() -> None:
    # Output to a pipe is block-buffered: without the flush, os._exit would drop it.
    code = "import sys; from kronika.batch.pool import exit_now; print('out'); sys.stderr.write('err'); exit_now()"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert (res.returncode, res.stdout, res.stderr) == (0, "out\n", "err")


class _FakeProc:
    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name, self.alive = log, name, True

    def is_alive(self) -> bool:
        return self.alive

    def join(self, timeout: float | None = None) -> None:
        self.log.append(f"join {self.name}")
        self.alive = False

    def kill(self) -> None:
        self.log.append(f"kill {self.name}")


class _FakeConn:
    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name = log, name

    def send(self, msg: object) -> None:
        self.log.append(f"stop {self.name}")

    def close(self) -> None:
        pass


def test_the_pool_tells_every_worker_to_stop_before_waiting_for_any() -> None:
    log: list[str] = []
    pool = local._Pool.__new__(local._Pool)
    pool.workers = []
    for name in ("a", "b"):
        w = local._Worker.__new__(local._Worker)
        w.conn, w.proc = _FakeConn(log, name), _FakeProc(log, name)  # type: ignore[assignment]
        w.task, w.ready, w.stopping = None, True, False
        pool.workers.append(w)
    pool.retry, pool.stats = local.deque(), local.RunStats()
    pool.run(iter(()))
    assert log == ["stop a", "stop b", "join a", "join b"]
