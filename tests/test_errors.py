"""The error catalogue: one meaning per code, codes carried as data, the docs generated from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kronika.errors import CATALOGUE, ConfigError, ErrorCode, Errors, KronikaError, ReadError, catalogue_markdown

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "kronika"


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}


def test_every_entry_is_named_by_its_code_and_listed_once() -> None:
    entries = [(k, v) for k, v in vars(Errors).items() if isinstance(v, ErrorCode)]
    assert entries and all(k == v.code for k, v in entries)
    assert len(CATALOGUE) == len(entries)
    assert all(re.fullmatch(r"E\d{3}", c) for c in CATALOGUE)


def test_no_message_carries_its_code_as_text() -> None:
    """Codes are data (``exc.code``); a "[E123]" written into a message would be parsed back out."""
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p, text in _sources().items()
        if p.name != "errors.py"
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"[\"']\[E\d{3}\]", line) or re.search(r"code=\"E\d{3}\"", line)
    ]
    assert offenders == []


def test_every_code_raised_is_in_the_catalogue_and_every_entry_is_used() -> None:
    used = {m for text in _sources().values() for m in re.findall(r"Errors\.(E\d{3})", text)}
    assert used <= set(CATALOGUE)
    generic = {"E100", "E200", "E300"}  # the classes' own codes, for errors without a specific one
    assert set(CATALOGUE) - used - generic == set()


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_message_formats_to_one_line_with_a_fix(code: str) -> None:
    entry = CATALOGUE[code]
    fields = {f.split("!")[0].split(":")[0]: 12345 for f in entry.fields()}
    err = entry(path="doc.txt", line=3, **fields)
    assert isinstance(err, entry.kind) and isinstance(err, KronikaError) and err.code == code
    assert "\n" not in str(err) and str(err).startswith(f"doc.txt:3: [{code}] ")
    assert entry.fix and "{" not in err.message


def test_errors_are_raised_as_their_class() -> None:
    with pytest.raises(ReadError) as e:
        raise Errors.E104(path="big.txt", size="21.0 MB", limit="20.0 MB")
    assert e.value.code == "E104" and str(e.value).startswith("big.txt: [E104] input is over the size limit")
    assert isinstance(Errors.E610(option="--since", value="x"), ConfigError)


def test_docs_list_the_catalogue() -> None:
    """docs/errors.md is ``python -m kronika.errors`` output; regenerate it when the catalogue changes."""
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue_markdown()
