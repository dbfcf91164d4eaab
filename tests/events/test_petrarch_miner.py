"""The PETRARCH verb-dictionary miner on a small dictionary of our own, and the shipped mined rows."""

from __future__ import annotations

from pathlib import Path

from kronika.events.lexicon import MINED_PATH, load_lexicon, parse_lexicon
from kronika.events.mine_petrarch import mine, write
from kronika.events.plover import MODES

DICTIONARY = """# a dictionary in PETRARCH's layout, written for this test
####### SYNONYM SETS #######

&ARMY_
+TROOPS
+SOLDIERS
+ARMED_FORCES

####### VERB PATTERNS #######

---  PUMMEL   [190]  ---
PUMMEL
THRASH {THRASHES THRASHED }
- * VILLAGE                                           [195]         # THRASH
- &ARMY_ *                                            [154]         # PUMMEL
- * (WITH HAMMERS)                                    [190]         # PUMMEL

---  SCOLD   [---]  ---
+TELL_OFF [111]
BERATE [111]
CHIDE
- * {FOREIGN ENVOYS}                                  [112]         # CHIDE

---  MUSE   [---]  ---
PONDER
- * IDEA                                              [010]         # PONDER

######## TRANSFORMATIONS ##########
"""

CAMEO2PLOVER = """# a conversion table in CAMEO2PLOVER's layout
111: ACCUSE, disapprove, # Criticize or denounce
112: ACCUSE, allege, # Accuse
154: MOBILIZE, troops, # Mobilize armed forces
190: ASSAULT, , # Use conventional force
195: ASSAULT, aerial, # Aerial weapons
"""


def _mine(tmp_path: Path, skip: tuple[str, ...] = ()):
    (tmp_path / "CAMEO.2.0.txt").write_text(DICTIONARY)
    (tmp_path / "CAMEO2PLOVER-2021.txt").write_text(CAMEO2PLOVER)
    return mine(tmp_path / "CAMEO.2.0.txt", tmp_path / "CAMEO2PLOVER-2021.txt", skip=skip)


def test_block_codes_patterns_synsets_and_particles(tmp_path):
    rows = {(r.lemma, r.type, r.mode, r.when) for r in _mine(tmp_path)}
    assert ("pummel", "ASSAULT", None, "-") in rows  # the block's default code
    assert ("thrash", "ASSAULT", "aerial", "obj:village") in rows  # a pattern, for every verb of the block
    assert ("pummel", "MOBILIZE", "troops", "subj:force|soldier|troop") in rows  # a synset as subject
    assert ("tell", "ACCUSE", "disapprove", "prt:off") in rows  # "+TELL_OFF": a verb and its particle
    assert ("chide", "ACCUSE", "allege", "obj:envoy") in rows  # a multi-word object by its head
    assert not any(r[3].startswith("prep") for r in rows)  # prepositional patterns are left out
    assert not any(r[0] == "ponder" for r in rows)  # a code PLOVER does not map (statements)


def test_provenance_and_skipping_our_own_lemmas(tmp_path):
    rows = _mine(tmp_path, skip=("berate",))
    assert all(r.source.startswith("CAMEO.2.0.txt:") for r in rows)
    line = DICTIONARY.splitlines().index("BERATE [111]") + 1
    assert not any(r.lemma == "berate" for r in rows)
    assert f"CAMEO.2.0.txt:{line}" not in {r.source for r in rows}
    out = tmp_path / "mined.tsv"
    write(rows, out)
    lex = parse_lexicon(out.read_text(), str(out))  # our own parser reads what the miner writes
    assert {r.source for r in lex.rules} == {r.source for r in rows}


def test_the_shipped_mined_rows_are_valid_and_sourced():
    rows = parse_lexicon(MINED_PATH.read_text(), str(MINED_PATH)).rules
    assert rows, "no mined rows shipped"
    for r in rows:
        assert r.source and r.source.startswith("CAMEO.2.0.txt:") and "dev:" in r.source
        assert r.mode is None or r.mode in MODES.get(r.type, ())
    ours = {r.lemma for r in load_lexicon().rules if r.source is None and r.pos == "V"}
    assert not ours & {r.lemma for r in rows}  # a mined row never overrides a hand-written lemma


def test_rows_that_never_fired_ship_only_constrained_and_unambiguous():
    from kronika.evaluate.events_select import unambiguous

    rows = parse_lexicon(
        "purchase\tV\tCOOPERATE\t-\tobj:helicopter\t-\t0.6\t062\n"
        "purchase\tV\tCOOPERATE\t-\t-\t-\t0.6\t062\n"
        "render\tV\tCOOPERATE\t-\tobj:assistance\t-\t0.6\t062\n"
        "render\tV\tAID\t-\tobj:aid\t-\t0.6\t070\n"
        "foster\tV\tSUPPORT\t-\tobj:relation\t-\t0.6\t051\n",
        "test",
    ).rules
    types: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        types.setdefault((r.lemma, r.pos), set()).add(r.type)
    ok = [r.when != () and unambiguous(r, types, faulty={("foster", "V")}) for r in rows]
    # a bare verb never ships unseen; two types for one lemma is ambiguous; a lemma with a faulty row is out
    assert [unambiguous(r, types, set()) for r in rows] == [True, False, False, False, True]
    assert ok == [True, False, False, False, False]
