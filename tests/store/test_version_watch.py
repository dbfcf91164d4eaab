"""The data version a server keys its kept answers on (:mod:`kronika.store.version`).

On PostgreSQL a listener keeps it in memory, told by ``NOTIFY`` when a write commits. These tests
wait for events (a write seen), never for a time: ``eventually`` polls up to a deadline.
"""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from kronika.store import open_store
from store.records import corpus


def eventually(check, deadline: float = 15.0) -> bool:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def statements(engine: sa.Engine) -> list[str]:
    seen: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: seen.append(sql))
    return seen


def test_a_write_by_another_process_moves_the_version_a_server_sees(store) -> None:
    """Another store on the same database stands for another process (its own engine and pool)."""
    docs = corpus()
    before = store.data_version()
    other = open_store(store.engine.url)
    try:
        other.ingest(docs[:1])
        assert eventually(lambda: store.data_version() > before)
    finally:
        other.close()


def test_a_write_in_this_process_is_seen_at_once(store) -> None:
    docs = corpus()
    store.data_version()  # a server has asked before: on PostgreSQL the listener runs
    if store.backend == "postgresql":
        assert eventually(lambda: store._version.live)
    before = store.data_version()
    store.ingest(docs[:1])
    assert store.data_version() > before  # no waiting for our own notification


@pytest.mark.postgres
def test_a_listening_server_asks_the_database_nothing_per_request(pg_server) -> None:
    from pg import create_database

    store = open_store(create_database(pg_server))
    try:
        store.data_version()
        assert eventually(lambda: store._version.live)
        seen = statements(store.engine)
        versions = {store.data_version() for _ in range(50)}
        assert seen == [] and len(versions) == 1
    finally:
        store.close()
    assert not store._version.live  # closing stops the listener


@pytest.mark.postgres
def test_a_broken_listener_falls_back_and_reconnects(pg_server) -> None:
    from pg import create_database

    url = create_database(pg_server)
    store, other = open_store(url), open_store(url)
    try:
        store.data_version()
        assert eventually(lambda: store._version.live)
        with other.engine.connect() as conn:  # the listener's connection dies (a restart, a network cut)
            killed = conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'kronika-version' AND datname = current_database()"
                )
            ).all()
        assert killed
        before = other.data_version()
        other.ingest(corpus()[:1])
        assert eventually(lambda: store.data_version() > before)
        assert eventually(lambda: store._version.reconnects >= 1 and store._version.live)
    finally:
        store.close()
        other.close()


@pytest.mark.postgres
def test_without_notifications_the_version_is_read_again_within_the_recheck(pg_server) -> None:
    """A transaction-pooling proxy drops LISTEN: a write that notifies no one is still seen."""
    from pg import create_database

    url = create_database(pg_server)
    store, other = open_store(url), open_store(url)
    try:
        store.data_version()
        assert eventually(lambda: store._version.live)
        before = store.data_version()
        with other.engine.begin() as conn:  # a version bump with no NOTIFY
            conn.execute(sa.text("UPDATE kb_state SET version = version + 1 WHERE id = 1"))
        assert eventually(lambda: store.data_version() > before)
        assert store._version.live
    finally:
        store.close()
        other.close()


def test_the_version_never_goes_back_while_listening(sqlite_store) -> None:
    """A read the listener started before this process's own write committed may come back after
    it: it must not undo the newer version the write set."""
    from kronika.store.version import VersionWatch

    watch = VersionWatch(sqlite_store.engine, lambda: 0)
    watch._set(5)  # what the listener read when it connected
    watch.saw(7)  # our own write committed
    watch.saw(6)  # the listener's older read comes back
    assert watch.live and watch._value == 7
    watch.close()
