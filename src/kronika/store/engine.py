"""Connecting to a store: URL rules, SQLite settings for safe concurrent writers, migrations.

SQLite runs in WAL mode (readers never block the writer) and every write transaction starts with
``BEGIN IMMEDIATE``, so two ingests on one file queue for the write lock (``busy_timeout``) instead
of failing half-way. On PostgreSQL, write transactions take a transaction-level advisory lock so
that story-event merging -- read candidates, then attach -- is serialized across writers there too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kronika.errors import Errors
from kronika.store.version import NOTIFY, note_write

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE_LOCK_KEY = 0x6B726F6E  # "kron": the advisory lock id for writers on PostgreSQL
BUSY_TIMEOUT_MS = 120_000


def normalize_url(target: str | Path) -> str:
    """A path, ``sqlite:///path`` or any SQLAlchemy URL -> a URL (PostgreSQL via psycopg 3)."""
    s = str(target)
    if "://" not in s:
        path = Path(s).expanduser()
        if path.is_dir():
            raise Errors.E601(path=s, example=path / "kronika.db")
        return f"sqlite:///{path.resolve()}"
    if s.startswith("postgresql://") or s.startswith("postgres://"):
        return "postgresql+psycopg://" + s.split("://", 1)[1]
    return s


def make_engine(target: str | Path) -> Engine:
    url = normalize_url(target)
    try:
        engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise Errors.E602(url=url, error=exc) from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name != "postgresql":
        raise Errors.E603(dialect=engine.dialect.name)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (pysqlite's own is deferred-only)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kronika_write") else "BEGIN")


_BUMP_VERSION = sa.text("UPDATE kb_state SET version = version + 1 WHERE id = 1")
_BUMP_RETURNING = sa.text("UPDATE kb_state SET version = version + 1 WHERE id = 1 RETURNING version")
_VERSION = sa.text("SELECT version FROM kb_state WHERE id = 1")


@contextmanager
def write_transaction(engine: Engine, bump: bool = True) -> Iterator[Connection]:
    """One all-or-nothing write: committed on success, rolled back on any error or interrupt.

    Each write moves the store's data version on (``bump``; not while migrating, before the
    table exists), which is what cached answers are keyed on -- across processes and backends.
    On PostgreSQL it also tells listening servers, when it commits (see :mod:`kronika.store.version`).
    """
    postgres = engine.dialect.name == "postgresql"
    version = None
    with engine.connect() as conn:
        conn.execution_options(kronika_write=True)
        with conn.begin():
            if postgres:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
            if bump and postgres:
                version = conn.execute(_BUMP_RETURNING).scalar()
                conn.execute(NOTIFY)
            elif bump:
                conn.execute(_BUMP_VERSION)
            yield conn
    if version is not None:
        note_write(engine, version)


def data_version(conn: Connection) -> int:
    """A number that changes whenever anything is written to the store (one primary-key read)."""
    return int(conn.execute(_VERSION).scalar() or 0)


# The newest migration shipped in the package. Checked against Alembic's own view by a test, so
# opening a current store costs one tiny query, not an Alembic import and a script scan.
SCHEMA_HEAD = "0008"
_CURRENT = sa.text("SELECT version_num FROM alembic_version")


def schema_revision(engine: Engine) -> str | None:
    """The store's migration revision (None for a new, empty database)."""
    with engine.connect() as conn:
        try:
            return conn.execute(_CURRENT).scalar()
        except sa.exc.DBAPIError:  # no alembic_version table yet (PostgreSQL needs the rollback)
            conn.rollback()
            return None


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A write transaction for schema changes. On SQLite, foreign keys are off meanwhile and
    renames leave views alone: Alembic rebuilds a table to drop a column, and neither dropping
    the old copy nor renaming the new one may fail on what refers to it."""
    if engine.dialect.name != "sqlite":
        with write_transaction(engine, bump=False) as conn:
            yield conn
        return
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, where it takes effect
        raw.execute("PRAGMA legacy_alter_table = ON")
        try:
            conn.execution_options(kronika_write=True)
            with conn.begin():
                yield conn
        finally:
            raw.execute("PRAGMA legacy_alter_table = OFF")
            raw.execute("PRAGMA foreign_keys = ON")


def alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest migration shipped in the package (a no-op when current);
    another ``revision`` moves it there, down as well as up (for tests and rollbacks).

    Two processes opening one new SQLite file at once race to switch it to WAL and create the
    schema; SQLite can answer "database is locked" there without waiting for ``busy_timeout``, so
    that answer is retried a few times (the loser then finds the schema current)."""
    for attempt in range(MIGRATE_ATTEMPTS):
        try:
            _migrate(engine, revision)
            return
        except sa.exc.OperationalError as exc:
            locked = engine.dialect.name == "sqlite" and "locked" in str(exc.orig)
            if not locked or attempt == MIGRATE_ATTEMPTS - 1:
                raise Errors.E604(url=engine.url.render_as_string(), error=exc.orig) from None
            engine.dispose()
            time.sleep(0.2 * (attempt + 1))


MIGRATE_ATTEMPTS = 5


def _migrate(engine: Engine, revision: str) -> None:
    try:
        if revision == "head" and schema_revision(engine) == SCHEMA_HEAD:
            return
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        with migration_transaction(engine) as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if revision == "head" and current == SCHEMA_HEAD:
                return  # another process migrated it while we waited for the write lock
            cfg = alembic_config(conn)
            if revision == "head" or current is None or revision > current:
                command.upgrade(cfg, revision)
            else:
                command.downgrade(cfg, revision)
    except sa.exc.OperationalError:
        raise  # migrate() retries a locked SQLite file, else names it
    except sa.exc.DBAPIError as exc:  # unreachable server, wrong password, not a database file...
        raise Errors.E604(url=engine.url.render_as_string(), error=exc.orig) from None
