"""Which statements read a whole table: the query plans behind "reads that scale".

A query that filters on something we index must be answered by index lookups; one full scan of
``events`` or ``mentions`` makes it grow with the archive. :class:`StatementLog` records the
SELECTs a piece of code runs, and :func:`full_scans` asks the database for each one's plan
(``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN (FORMAT JSON)`` on PostgreSQL) and names the tables
it would scan. The tests use it to fail when an indexed filter scans; ``benchmarks/scaling.py``
prints the plans of whatever still scans.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine


@dataclass
class StatementLog:
    """The SELECT statements (SQL text and driver parameters) run on an engine while recording."""

    statements: list[tuple[str, Any]] = field(default_factory=list)

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.statements.append((statement, parameters))


@contextmanager
def recording(engine: Engine) -> Iterator[StatementLog]:
    """Record every SELECT run on ``engine`` inside the ``with`` block."""
    log = StatementLog()
    sa.event.listen(engine, "before_cursor_execute", log)
    try:
        yield log
    finally:
        sa.event.remove(engine, "before_cursor_execute", log)


def plan(conn: Connection, statement: str, parameters: Any) -> list[str]:
    """The plan of one statement, one line per step (SQLite's detail column; PostgreSQL's nodes)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        return [str(r[3]) for r in rows]
    raw: Any = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    doc: list[dict[str, Any]] = json.loads(raw) if isinstance(raw, str) else raw
    out: list[str] = []

    def walk(node: dict[str, Any], depth: int) -> None:
        rel = f" on {node['Relation Name']}" if "Relation Name" in node else ""
        idx = f" using {node['Index Name']}" if "Index Name" in node else ""
        out.append("  " * depth + node["Node Type"] + rel + idx)
        for child in node.get("Plans", []):
            walk(child, depth + 1)

    walk(doc[0]["Plan"], 0)
    return out


def scanned_tables(lines: list[str]) -> list[str]:
    """Tables (or their aliases) a plan reads in full; an index read end to end counts too, since
    it grows with its table. Scans of a subquery's own result (SQLite co-routines and
    materialised views of a ``FROM (SELECT ...)``) are not table scans."""
    derived = {
        s.split()[1] for line in lines if (s := line.strip()).startswith(("CO-ROUTINE ", "MATERIALIZE ")) and " " in s
    }
    out = []
    for line in lines:
        s = line.strip()
        if s.startswith("SCAN ") and " VIRTUAL TABLE " not in s and s.split()[1] not in derived:
            if not s.startswith("SCAN CONSTANT ROW"):
                out.append(s.split()[1])  # "SCAN events", "SCAN entities USING COVERING INDEX ..."
        elif s.startswith("Seq Scan on "):
            out.append(s.split()[3])
    return out


def full_scans(engine: Engine, log: StatementLog, no_seqscan: bool = False) -> list[dict[str, Any]]:
    """``{"sql", "tables", "plan"}`` for every recorded statement that scans a table.

    ``no_seqscan`` (PostgreSQL): forbid sequential scans while planning, so that on a small test
    database -- where a scan is cheaper and the planner rightly prefers it -- a scan that remains
    means that no index could answer the query.
    """
    found = []
    with engine.connect() as conn:
        if no_seqscan and conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
        for statement, parameters in log.statements:
            lines = plan(conn, statement, parameters)
            tables = scanned_tables(lines)
            if tables:
                found.append({"sql": " ".join(statement.split()), "tables": tables, "plan": lines})
        conn.rollback()
    return found
