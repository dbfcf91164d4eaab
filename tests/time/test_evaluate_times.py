"""`kronika evaluate times` on MEANTIME: the scorer's pieces on our own tiny document, then the real run."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.evaluate.times_gold import GoldTime
from kronika.evaluate.times_meantime import load_doc
from kronika.evaluate.times_score import Scores, score_doc

DOC = """<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en" url="u">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">resume</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">2</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2010</token>
<token number="6" sentence="2" t_id="7">They</token>
<token number="7" sentence="2" t_id="8">met</token>
<token number="8" sentence="2" t_id="9">on</token>
<token number="9" sentence="2" t_id="10">Friday</token>
<token number="10" sentence="2" t_id="11">.</token>
<Markables>
<TIMEX3 anchorTimeID="" functionInDocument="CREATION_TIME" m_id="20" type="DATE" value="2010-05-02">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 anchorTimeID="20" functionInDocument="NONE" m_id="21" type="DATE" value="2010-04-30">
<token_anchor t_id="10"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="x" functionInDocument="NONE" m_id="22" type="DATE" value="2009"/>
</Markables></Document>
"""


def test_load_doc(tmp_path: Path) -> None:
    f = tmp_path / "1_x.xml"
    f.write_text(DOC, encoding="utf-8")
    doc = load_doc(f)
    assert doc.text == "Talks resume\n\nMay 2, 2010\n\nThey met on Friday."
    assert doc.dct == "2010-05-02"
    assert [(g.text, g.value, g.creation_time) for g in doc.times] == [
        ("May 2, 2010", "2010-05-02", True),
        ("Friday", "2010-04-30", False),
    ]  # the TIMEX3 with no tokens is not in the text


def test_score_doc_pairs_exact_spans_first() -> None:
    gold = [GoldTime(0, 20, "DURATION", "P2Y", "from 2009 to 2011"), GoldTime(5, 9, "DATE", "2009", "2009")]
    system = [(5, 9, "DATE", "2009", "2009"), (30, 35, "DATE", "2001", "x")]
    sc = Scores()
    score_doc(gold, system, sc, "d")
    assert (sc.extraction.tp, sc.extraction.fp, sc.extraction.fn) == (1, 1, 1)
    assert sc.value_correct == 1 and sc.value_f1 == pytest.approx(0.5)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    from kronika.cli import app
    from kronika.errors import ConfigError

    # kronika.cli.main turns a ConfigError into one "kronika: error: ..." line and exit code 2
    result = CliRunner().invoke(app, ["evaluate", "times", "--data", str(tmp_path / "nope")])
    assert isinstance(result.exception, ConfigError)
    assert "no such directory" in str(result.exception) and "--data" in str(result.exception)
