"""The KB table format: columns per table, the TSV reader and the cell checks.

Plain data files (``docs/kb.md``) that analysts edit; every problem is reported with the file, the
line and the reason, so a typo in a user's ``--kb`` file is fixed in seconds.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from kronika.errors import Errors


def words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


# Columns of each table; a user file is recognised by its header row. ``source`` (where a mined
# row comes from, "file:line") and ``code`` (the source's own code, e.g. CAMEO) are provenance.
TABLES: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "names", "adjectives", "people", "capitals"),
    "seats": ("names", "country", "sector", "place"),
    "places": ("names", "country", "source"),
    "orgs": ("kb_id", "type", "names", "sector", "code", "source"),
    "groups": ("kb_id", "names", "sector", "name", "adjectives"),
    "weapons": ("kb_id", "names", "country", "kind"),
    "leaders": ("country", "office", "title", "name", "aliases", "start", "end"),
    "officials": ("name", "aliases", "country", "sector", "start", "end", "code", "source"),
    "agents": ("names", "plurals", "sector", "code", "source"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("iso3", "names"),
    "seats": ("names", "country"),
    "places": ("names",),
    "orgs": ("kb_id", "type", "names"),
    "groups": ("kb_id", "names"),
    "weapons": ("kb_id", "names"),
    "leaders": ("country", "title", "name", "start"),
    "officials": ("name",),
    "agents": ("names", "sector"),
}
# PLOVER sector codes (PLOVER manual, "Sector Codes"), plus IGO/NGO for organisations' members.
SECTORS = words(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC IGO NGO"
)
ORG_TYPES = frozenset({"IGO", "NGO", "ORG"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG_KEY = re.compile(r"^([A-Z][A-Z0-9.-]{1,15}|org:[a-z0-9-]+)$")  # "NATO", "EU", "org:unicef"


def split(cell: str | None) -> list[str]:
    """A list cell: ``"Moscow|Moskva"`` -> ``["Moscow", "Moskva"]``."""
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def parse_date(value: str, path: str, line: int, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Errors.E221(path=path, line=line, column=column, value=value) from None


def read_table(path: Path, *, kind: str | None = None) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    """Read one TSV table; the header row names its kind. Errors name the file, line and reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Errors.E220(path=str(path), problem="not found") from None
    except UnicodeDecodeError:
        raise Errors.E220(path=str(path), problem="is not UTF-8 text") from None
    except OSError as exc:
        raise Errors.E220(path=str(path), problem=f"cannot be read: {exc.strerror}") from None
    lines = [(i, ln) for i, ln in enumerate(text.split("\n"), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise Errors.E222(path=str(path))
    head_no, head = lines[0]
    header = tuple(h.strip() for h in head.split("\t"))
    if kind is None:
        kind = next((k for k, cols in TABLES.items() if set(REQUIRED[k]) <= set(header) <= set(cols)), None)
        if kind is None:
            choices = "; ".join(f"{k}: {' '.join(c)}" for k, c in TABLES.items())
            raise Errors.E223(
                header="/".join(header),
                known=f"Known tables: {choices}",
                path=str(path),
                line=head_no,
            )
    rows = []
    required = REQUIRED[kind]
    width = len(header)
    for no, ln in lines[1:]:
        cells = ln.split("\t")  # no quoting: a cell is everything between two tabs
        if len(cells) > width:
            raise Errors.E224(path=str(path), line=no, cells=len(cells), width=width)
        row = dict(zip(header, map(_cell, cells), strict=False))
        for col in required:
            if not row.get(col):
                raise Errors.E225(path=str(path), line=no, column=col)
        rows.append((no, row))
    return kind, rows


def _cell(text: str) -> str:
    """A stripped cell; short ones (codes, dates) are interned: the mined tables repeat them 30,000 times."""
    text = text.strip()
    return sys.intern(text) if len(text) <= 12 else text


def check_iso(value: str, path: Path, no: int, column: str, *, allow_org: bool = True) -> None:
    if value and not (_ISO3.match(value) or (allow_org and _ORG_KEY.match(value))):
        raise Errors.E226(path=str(path), line=no, column=column, value=value)


def check_sector(value: str, path: Path, no: int) -> None:
    if value and value not in SECTORS:
        raise Errors.E227(
            value=value,
            known=", ".join(sorted(SECTORS)),
            path=str(path),
            line=no,
        )
