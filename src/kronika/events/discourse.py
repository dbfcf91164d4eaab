"""Step 6: what a sentence means given the sentences around it.

- Coordinated verbs of one type and actor are one event ("fought together and defeated X").
- A visit without a destination takes the destination of the visit just told in the paragraph.
- "this strike" (a definite event noun with no arguments) takes the arguments of the last event of
  the same type in the paragraph; "rejected the accusation" is aimed at the accuser told before.
- A speech claiming an attack by someone else is the speaker ACCUSing them.
- "Iran condemned the strikes": the party condemned is whoever carried the strikes out.
"""

from __future__ import annotations

from kronika.events.candidate import (
    DETERMINERS_ANAPHORIC,
    PRODUCER_PREFIX,
    Candidate,
    differs,
    is_visit,
)
from kronika.record import Ref


def merge_coordinated(cands: list[Candidate]) -> list[Candidate]:
    """ "fought together and defeated X": coordinated verbs of one type and actor are one event.

    Merged when the verbs are conjuncts, type, actors, negation and modality agree, and the
    recipients agree or one side has none (coordinated verbs share their object's party). The
    event keeps the first trigger; the other verb goes to ``extra.coordinated``.
    """
    by_tok = {c.tok.i: c for c in cands}
    gone: set[int] = set()
    for c in sorted(cands, key=lambda c: c.tok.i):
        if c.tok.i in gone or c.tok.pos_ != "VERB":
            continue
        for t in c.tok.conjuncts:
            o = by_tok.get(t.i)
            if o is None or t.i in gone or t.i < c.tok.i or o.type != c.type:
                continue
            if [a.text for a in o.actor] != [a.text for a in c.actor] or not c.actor:
                continue
            if (o.ctx.negated, o.ctx.modality) != (c.ctx.negated, c.ctx.modality):
                continue
            rc, ro = [r.text for r in c.recipient], [r.text for r in o.recipient]
            if rc and ro and rc != ro:
                continue
            gone.add(t.i)
            c.recipient = c.recipient or o.recipient
            c.recipient_toks = c.recipient_toks or o.recipient_toks
            c.location = c.location or o.location
            c.mode = c.mode or o.mode
            c.date = c.date or o.date
            c.extra.setdefault("coordinated", []).append(o.tok.text)
    return [c for c in cands if c.tok.i not in gone]


def _inherit_visit(c: Candidate, earlier: list[Candidate]) -> None:
    """A visit naming no host continues the last visit of the paragraph ("He arrived on Monday")
    unless it names a place of its own that is not that visit's place ("... then arrived in
    Moscow" after a visit to Berlin is a visit to Moscow, whose host the place gives later)."""
    prev = next((p for p in reversed(earlier) if p.recipient and is_visit(p)), None)
    if prev is not None and c.location is not None and _place_key(c.location) != _place_key(prev.location):
        return
    if prev is not None:
        c.recipient = list(prev.recipient)
        c.location = c.location or prev.location
        c.extra.setdefault("inherited", []).append("recipient")


VISIT_NOUNS = frozenset({"visit", "trip", "tour", "stay"})
VISIT_FRAME_PREPS = frozenset({"during", "on", "in", "throughout", "while"})


def _visit_host(c: Candidate, before: list[Candidate]) -> None:
    """ "During his visit, the president will hold talks ...": talks, a meeting or a promise told
    inside a visit are with its host, the last visit's recipient the article told."""
    if c.recipient or c.type not in ("CONSULT", "AGREE") or is_visit(c):
        return
    frame = any(
        t.lemma_.lower() in VISIT_NOUNS and t.dep_ == "pobj" and t.head.lower_ in VISIT_FRAME_PREPS
        for t in c.tok.sent
        if t.i != c.tok.i
    )
    if not frame:
        return
    prev = next((p for p in reversed(before) if p.recipient and is_visit(p)), None)
    if prev is None or not all(differs(r, a) for r in prev.recipient for a in c.actor):
        return
    c.recipient = list(prev.recipient)
    c.extra.setdefault("inherited", []).append("recipient")


def _place_key(ref: Ref | None) -> str | None:
    return None if ref is None else (ref.entity or ref.text.lower())


def _corefer(c: Candidate, earlier: list[Candidate]) -> None:
    """ "this daring strike": the arguments and date of the last event of its type ("another" is new)."""
    dets = {d.lower_ for d in c.tok.children if d.dep_ in ("det", "poss")}
    if not (dets & DETERMINERS_ANAPHORIC) or "another" in dets:
        return
    ante = next((p for p in reversed(earlier) if p.type == c.type), None)
    if ante is None:
        return
    c.actor, c.recipient = list(ante.actor), list(ante.recipient)
    c.location = c.location or ante.location
    c.mode = c.mode if c.mode and c.mode != c.rule.mode else (ante.mode or c.mode)
    if c.date_source in ("context", "article", "none") and ante.date:
        c.date = ante.date
        c.date_source = "coreference"
    c.coref = ante


def _earlier_date(c: Candidate, before: list[Candidate], published: str | None) -> None:
    """An event the paragraph does not date continues the happening of its type told and dated earlier.

    "Police shot a teenager on Tuesday." ... (a later paragraph) "Police shot at the crowd" / "the
    shooting": the date of the last event of the same type the article dated itself (in its clause
    or sentence, a day not after publication); a news story tells one happening over paragraphs.
    Not for "another attack", an indefinite noun ("an attack": a new one), or expected and
    hypothetical events. Only the date is taken, since the arguments of a far mention may differ.
    """
    if c.date_source not in ("article", "none") or c.ctx.modality in ("expected", "hypothetical"):
        return
    if c.rule.pos == "N":
        dets = {d.lower_ for d in c.tok.children if d.dep_ in ("det", "poss")}
        if not (dets & DETERMINERS_ANAPHORIC) or "another" in dets:
            return
    ante = next(
        (
            p
            for p in reversed(before)
            if p.type == c.type and p.date_source in ("clause", "sentence") and not p.background_date
        ),
        None,
    )
    if ante is None or ante.date is None or ante.date.precision not in ("day", "hour", "minute"):
        return
    if not published or (ante.date.iso or "")[:10] <= published[:10]:
        c.date = ante.date
        c.date_source = "coreference"
        c.coref_date = ante
        c.location = c.location or ante.location  # the same happening, the same place


def _content_accuser(c: Candidate, inner: Candidate, earlier: list[Candidate]) -> None:
    """ "rejected the accusation": the accuser told before is the one rejected."""
    dets = {d.lower_ for d in inner.tok.children if d.dep_ == "det"}
    if not dets & DETERMINERS_ANAPHORIC:
        return
    ante = next((p for p in reversed(earlier) if p.type == inner.type and p.actor), None)
    if ante is not None and all(differs(a, b) for a in ante.actor for b in c.actor):
        c.recipient = list(ante.actor)
        c.extra.setdefault("inherited", []).append("recipient")


def _reported_attack(c: Candidate) -> None:
    """A speech or statement claiming an attack by someone else: the speaker accuses them."""
    if not (
        c.type in ("ASSAULT", "COERCE")
        and c.ctx.source is not None
        and c.ctx.source_kind == "noun"
        and c.ctx.stance == "asserts"
        and c.actor
        and c.tok.pos_ == "NOUN"
    ):
        return
    src = c.source
    if src is None or not all(differs(a, src) for a in c.actor):
        return
    claim = {"type": c.type, "mode": c.mode, "actor": [a.text for a in c.actor]}
    claim_recipient = [r.text for r in c.recipient]
    c.recipient = list(c.actor)
    c.actor = [src]
    c.extra["claim"] = claim | {"recipient": claim_recipient}
    c.type, c.mode = "ACCUSE", "allege"
    c.ctx.source = None
    c.source = None
    c.ctx.stance = None
    c.ctx.modality = "asserted"
    c.producer = PRODUCER_PREFIX + "accuse.reported_attack"
    c.trigger_override = c.ctx.cue_token or c.tok


def discourse(cands: list[Candidate], published: str | None = None) -> None:
    """Visits, anaphoric event nouns, refusals of an earlier accusation, attacks claimed in speeches.

    Sorts ``cands`` by position (in place): each rule looks back at earlier events of the paragraph.
    """
    cands.sort(key=lambda c: c.tok.i)
    for i, c in enumerate(cands):
        earlier = [p for p in cands[:i] if p.paragraph == c.paragraph]
        if is_visit(c) and not c.recipient:
            _inherit_visit(c, earlier)
        if c.rule.pos == "N" and not c.actor and not c.recipient:
            _corefer(c, earlier)
        _visit_host(c, cands[:i])
        _earlier_date(c, cands[:i], published)
        inner, c.inner = c.inner, None
        if inner is not None and not inner.actor and not c.recipient:
            _content_accuser(c, inner, earlier)
        _reported_attack(c)


def reactions(cands: list[Candidate]) -> None:
    """ "Iran condemned the strikes": the party condemned is whoever carried the strikes out."""
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        if c.type not in ("ACCUSE", "REJECT", "SUPPORT", "REQUEST") or c.rule.pos != "V":
            continue
        for obj in c.tok.children:
            inner = by_tok.get(obj.i) if obj.dep_ == "dobj" else None
            if inner is None or inner is c:
                continue
            if not inner.actor:  # "condemned the annexation of X": whoever annexed, not named here
                if c.recipient_toks and all(t.i == obj.i for t in c.recipient_toks):
                    c.extra["about"] = {"type": inner.type, "trigger": inner.tok.text}
                    c.recipient, c.recipient_toks = [], []
                continue
            if all(differs(a, b) for a in inner.actor for b in c.actor):
                c.extra["about"] = {"type": inner.type, "trigger": inner.tok.text}
                c.recipient = list(inner.actor)
