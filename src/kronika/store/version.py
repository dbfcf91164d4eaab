"""The store's data version as a server reads it on every request: pushed by PostgreSQL, not polled.

Kept web answers are keyed on the data version (:func:`kronika.store.engine.data_version`), so a
server asks for it once per request. On SQLite that is a read of a local file. On PostgreSQL it
was a round trip through the connection pool for every request, answered by a server process
that shares the cores with the app: at 32 clients it cut the throughput of kept answers by a
third (710 against 480 requests/s on the same store).

So on PostgreSQL a :class:`VersionWatch` listens instead. Every write transaction sends
``NOTIFY kronika_data`` (:func:`kronika.store.engine.write_transaction`), which PostgreSQL
delivers to listeners when it commits. One thread per server process holds a connection of its
own that ``LISTEN``\\ s and reads the version again when told. Requests read the number from
memory. A write in this process sets the number itself, as soon as it has committed, so it never
waits for its own notification.

What could go wrong, and what happens then:
- the listening connection breaks: requests read the version from the database again, as before,
  until the thread has reconnected (with back-off);
- notifications never arrive (a transaction-pooling proxy such as PgBouncer drops ``LISTEN``):
  the thread also reads the version every :data:`RECHECK` seconds, so an answer kept from before
  a write is served for at most that long.
Otherwise a write made by another process is seen once its notification arrives, normally a
millisecond after the commit.

Why not a time-to-live on kept answers: that serves stale answers after every ingest, for as long
as the TTL. Why not LISTEN for SQLite: it has no such thing, and its read is cheap.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

CHANNEL = "kronika_data"
NOTIFY = sa.text(f"SELECT pg_notify('{CHANNEL}', '')")
APP_NAME = "kronika-version"  # how the listening connection shows in pg_stat_activity
RECHECK = 2.0  # seconds between reads of the version when no notification came
_VERSION_SQL = "SELECT version FROM kb_state WHERE id = 1"

_WATCHES: weakref.WeakKeyDictionary[Engine, VersionWatch] = weakref.WeakKeyDictionary()


def note_write(engine: Engine, version: int | None) -> None:
    """A write through ``engine`` committed and moved the version to ``version``: the watch of
    this process knows at once (a reader after our own write must not get the answer from before)."""
    watch = _WATCHES.get(engine)
    if watch is not None and version is not None:
        watch.saw(int(version))


class VersionWatch:
    """``current()``: the store's data version, read from memory while a listener keeps it (see
    the module), from the database otherwise. One per store; ``close()`` stops the thread."""

    def __init__(self, engine: Engine, read: Any) -> None:
        self.engine = engine
        self._read = read  # () -> int: the version, read from the database
        self._listens = engine.dialect.name == "postgresql"
        self._lock = threading.Lock()
        self._value: int | None = None  # set by the listener while it is connected
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.reconnects = 0  # how often the listener lost its connection (tests, logs)
        _WATCHES[engine] = self

    @property
    def live(self) -> bool:
        """True while the listener is connected and the version is read from memory."""
        return self._value is not None

    def current(self) -> int:
        if self._listens:
            self._start()
            value = self._value
            if value is not None:
                return value
        return int(self._read())

    def saw(self, version: int) -> None:
        """A newer version: from a write of this process (its notification may come later), or
        read after a notification. Never goes back: a read the listener started before our own
        write committed may return after it."""
        with self._lock:
            if self._value is not None and version > self._value:
                self._value = version

    def close(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread.is_alive():
            thread.join(timeout=RECHECK + 5)
        _WATCHES.pop(self.engine, None)

    # -- the listener ------------------------------------------------------------------------

    def _start(self) -> None:
        if self._thread is not None or self._stop.is_set():
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._listen, name="kronika-version", daemon=True)
                self._thread.start()

    def _set(self, value: int | None) -> None:
        with self._lock:
            self._value = value

    def _listen(self) -> None:
        import psycopg

        dsn = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        backoff = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=10, application_name=APP_NAME) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")  # before the first read: no write falls between
                    self._set(_scalar(conn))
                    backoff = 0.5
                    self._follow(conn)
            except Exception as exc:  # the database went away, or the connection broke
                self._set(None)  # requests read from the database meanwhile
                if self._stop.is_set():
                    break
                self.reconnects += 1
                log.warning("listening for writes to the store failed (%s); retrying in %.1f s", exc, backoff)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, 30.0)
        self._set(None)

    def _follow(self, conn: Any) -> None:
        """Read the version again after each notification, and every RECHECK seconds anyway."""
        last = time.monotonic()
        while not self._stop.is_set():
            told = False
            for _ in conn.notifies(timeout=min(0.5, RECHECK), stop_after=1):
                told = True
            if told or time.monotonic() - last >= RECHECK:
                self.saw(_scalar(conn))  # only forward; a (re)connect sets it as read
                last = time.monotonic()


def _after_fork() -> None:
    """A forked child has none of its parent's threads: its watches start their own when asked."""
    for watch in list(_WATCHES.values()):
        watch._thread, watch._value, watch._lock = None, None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _scalar(conn: Any) -> int:
    row = conn.execute(_VERSION_SQL).fetchone()
    return int(row[0]) if row and row[0] is not None else 0
