"""The ``kronika.article/1`` record: the one type that flows through every stage.

Field names are fixed by ``DESIGN.md`` (tools outside the project read them). Add fields freely,
never rename or remove one without bumping :data:`SCHEMA`. Every offset is a character offset into
:attr:`Article.text`, the normalized body.

The types are plain dataclasses rather than pydantic models: stages build thousands of small
objects per article and the record must serialize to exactly the JSON shape of the design, which
:func:`Article.to_dict` produces with ``dataclasses.asdict``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any, Literal

SCHEMA = "kronika.article/1"

EntityType = Literal["PERSON", "STATE", "PLACE", "ORG", "IGO", "GROUP", "WEAPON", "EVENT", "OTHER"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
BoilerplateKind = Literal["byline", "bio", "citation", "rights", "other"]
Modality = Literal["asserted", "reported", "expected", "hypothetical"]
Stance = Literal["asserts", "deny", "suspects"]


@dataclass
class Source:
    """Where the document came from."""

    path: str | None = None
    url: str | None = None
    format: str | None = None  # text | markdown | html | jsonl
    line: int | None = None  # line number inside a JSON Lines corpus
    id: str | None = None  # the document's own id in its corpus (JSON Lines "id"), kept as given


@dataclass
class Author:
    name: str
    affiliation: str | None = None


DatePrecision = Literal["day", "month", "year"]
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.+\-Z]*)?$")


@dataclass(frozen=True)
class ArticleDate:
    """A date at day, month or year precision, parsed from ISO (``2023-05-18``, ``2023-05``, ``2023``).

    The one parser of such dates: the reader normalizes ``metadata.published`` to this form once
    (written dates like ``18 May 2023`` included) and every stage reads
    :attr:`Metadata.published_date`, so all of them see the same date. Filter dates (``--since``)
    use it too.
    """

    value: str  # ISO at its precision
    precision: DatePrecision
    first: dt.date  # the first day the date covers
    last: dt.date  # the last day it covers

    @classmethod
    def parse(cls, text: str | None) -> ArticleDate | None:
        """The date ``text`` names in ISO form, or None (not ISO, or no such day: ``2023-02-30``)."""
        m = _ISO_DATE.match(text.strip()) if text else None
        if not m:
            return None
        y, mo, d = int(m[1]), m[2], m[3]
        try:
            if d:
                day = dt.date(y, int(mo), int(d))
                return cls(day.isoformat(), "day", day, day)
            if mo:
                first = dt.date(y, int(mo), 1)
                last = first.replace(day=calendar.monthrange(y, int(mo))[1])
                return cls(f"{y:04d}-{int(mo):02d}", "month", first, last)
            return cls(f"{y:04d}", "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
        except ValueError:
            return None

    @property
    def day(self) -> dt.date | None:
        """The exact day, when the date is one (relative times are anchored only at an exact day)."""
        return self.first if self.precision == "day" else None

    @property
    def reference(self) -> dt.date:
        """The day that stands for the date where one day is needed (offices held on it): the exact
        day, else the middle of the month (the 15th) or of the year (1 July)."""
        if self.precision == "day":
            return self.first
        return self.first.replace(day=15) if self.precision == "month" else self.first.replace(month=7)


@dataclass
class Metadata:
    title: str | None = None
    authors: list[Author] = field(default_factory=list)
    published: str | None = None  # ISO date, YYYY-MM-DD (or coarser when only that is known)
    publication: str | None = None
    url: str | None = None
    citation: str | None = None
    rights: str | None = None
    language: str | None = None

    @property
    def published_date(self) -> ArticleDate | None:
        """``published`` as a typed date (what the stages read), or None when absent or invalid."""
        return _article_date(self.published)


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Link:
    text: str
    href: str | None
    start: int
    end: int


@dataclass
class Boilerplate:
    kind: BoilerplateKind
    text: str


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Role:
    title: str
    of: str | None = None  # ISO3 of the country (or the organisation's code) the office belongs to


@dataclass
class Entity:
    id: str
    name: str
    type: EntityType
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Time:
    id: str
    text: str
    start: int
    end: int
    type: TimeType
    value: str
    anchor: str | None = None  # "DCT" (document creation time), another time's id, or None
    granularity: str | None = None  # day | month | year | week | season | part_of_day | ...
    anchor_missing: bool = False  # True when a relative value could not be resolved for lack of DCT
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. implied_start, part_of_day, mod


@dataclass
class Ref:
    """A pointer from an event argument to an entity (or just the text when none resolved)."""

    entity: str | None
    text: str


@dataclass
class EventDate:
    time: str | None  # id of the record's time that dates the event (None: article date or none)
    value: str | None  # TIMEX3 value ("2023-05-18", "2023-W20", "2023-05-18TNI", "XXXX-05-03", ...)
    inferred: bool = False  # the sentence does not state it (taken from context or the article date)
    iso: str | None = None  # the value as an ISO 8601 string pandas parses (YYYY-MM-DD, YYYY-MM, YYYY), or None
    precision: str | None = (
        None  # day | month | year | week | quarter | half | season | decade | century | hour | minute
    )


@dataclass
class Context:
    negated: bool = False
    modality: Modality = "asserted"
    source: Ref | None = None
    stance: Stance | None = None


def is_factual(context: Context, future_rule: bool = False) -> bool:
    """Whether an event is told as having happened (the rule behind :attr:`Event.factual`).

    Not when negated ("did not attack", a cancelled visit), denied by its source, hypothetical
    ("could strike"), or expected ("will visit") -- unless PLOVER's future rule recoded it as the
    promise that was made (``future_rule``: "will visit" is an AGREE that happened).
    """
    if context.negated or context.stance == "deny" or context.modality == "hypothetical":
        return False
    return context.modality != "expected" or future_rule


@dataclass
class SideCountries:
    """ISO3 countries of an event's actor and recipient side (entity, office, or read off the phrase)."""

    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)


@dataclass
class Count:
    """A number an event's sentence gives -- killed, injured, arrested, troops, launched, shot_down,
    aid -- with its unit (people, troops, missiles, drones, rockets, or a currency code), the text
    it was read from and how exact the source says it is (exact, at_least, more_than, about,
    at_most, less_than). Stories compare them across outlets (:mod:`kronika.events.counts`)."""

    kind: str
    value: float | int
    unit: str
    text: str
    start: int
    end: int
    exactness: str = "exact"


@dataclass
class Event:
    id: str
    type: str  # one of the 16 PLOVER 2.0 types
    mode: str | None
    actor: list[Ref]  # always a list ([] when the text names none); compound actors have several
    recipient: list[Ref]
    location: Ref | None
    date: EventDate
    trigger: Mention
    sentence: Mention
    context: Context = field(default_factory=Context)
    confidence: float = 0.0
    producer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # explanations: which rule decided what
    quad: str | None = None  # PLOVER quad class: verbal_cooperation ... material_conflict
    plover_score: float | None = None  # PLOVER conflict/cooperation score of the type and mode
    cameo: str | None = None  # CAMEO code of the lexicon row that fired
    countries: SideCountries = field(default_factory=SideCountries)
    date_source: str | None = None  # clause | sentence | context | coreference | scene | article | none
    depth: int = 0  # depth of the trigger in the parse (0 = the sentence's main verb)
    factual: bool = True  # told as having happened (see is_factual); aggregates count only these
    counts: list[Count] = field(default_factory=list)  # numbers the sentence gives (killed, troops...)

    def __post_init__(self) -> None:
        # one shape for the arguments: a single reference or None (older callers, older records)
        # becomes a list
        self.actor = refs(self.actor)
        self.recipient = refs(self.recipient)


@dataclass
class Article:
    text: str
    source: Source = field(default_factory=Source)
    metadata: Metadata = field(default_factory=Metadata)
    paragraphs: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings a user should see (e.g. no date)
    pipeline: dict[str, Any] = field(default_factory=dict)
    schema: str = SCHEMA
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def __setattr__(self, name: str, value: Any) -> None:
        # events and entities are lists with to_pandas() (kronika.frames), whoever assigns them
        if name in ("events", "entities") and isinstance(value, list):
            from kronika.frames import owned

            value = owned(name, value, self)
        object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN.md, with ``schema`` and ``id`` first."""
        d = asdict(self)
        head = {"schema": d.pop("schema"), "id": d.pop("id")}
        return head | d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Rebuild a record from its JSON (e.g. a ``records.jsonl`` line)."""
        md = dict(d.get("metadata") or {})
        md["authors"] = [Author(**a) for a in md.get("authors") or []]
        return cls(
            text=d["text"],
            id=d.get("id", ""),
            schema=d.get("schema", SCHEMA),
            source=Source(**(d.get("source") or {})),
            metadata=_known(Metadata, md),
            paragraphs=[Span(**p) for p in d.get("paragraphs") or []],
            links=[Link(**x) for x in d.get("links") or []],
            boilerplate=[Boilerplate(**b) for b in d.get("boilerplate") or []],
            entities=[_entity(e) for e in d.get("entities") or []],
            times=[_known(Time, t) for t in d.get("times") or []],
            events=[_event(e) for e in d.get("events") or []],
            notes=list(d.get("notes") or []),
            pipeline=dict(d.get("pipeline") or {}),
        )


@lru_cache(maxsize=1024)
def _article_date(published: str | None) -> ArticleDate | None:
    return ArticleDate.parse(published)


def content_id(text: str) -> str:
    """The record id: a content hash of the normalized body, so re-ingesting the same text is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _known(cls: type, d: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


def _entity(d: dict[str, Any]) -> Entity:
    d = dict(d)
    d["roles"] = [Role(**r) for r in d.get("roles") or []]
    d["mentions"] = [Mention(**m) for m in d.get("mentions") or []]
    return _known(Entity, d)


def _ref(d: Any) -> list[Ref]:
    """An argument as stored: a list of references (older records: one object or null)."""
    if d is None:
        return []
    if isinstance(d, list):
        return [Ref(**x) for x in d]
    return [Ref(**d)]


# Event fields that records written before they existed kept under ``extra``.
_FORMERLY_EXTRA = ("quad", "plover_score", "cameo", "countries", "date_source", "depth")


def _event(d: dict[str, Any]) -> Event:
    d = dict(d)
    extra = dict(d.get("extra") or {})
    for key in _FORMERLY_EXTRA:
        if key in extra and d.get(key) is None:
            d[key] = extra.pop(key)
    d["extra"] = extra
    d["actor"] = _ref(d.get("actor"))
    d["recipient"] = _ref(d.get("recipient"))
    loc = d.get("location")
    d["location"] = Ref(**loc) if loc else None
    d["date"] = _known(EventDate, d.get("date") or {"time": None, "value": None})
    d["trigger"] = Mention(**d["trigger"])
    d["sentence"] = Mention(**d["sentence"])
    ctx = dict(d.get("context") or {})
    ctx["source"] = Ref(**ctx["source"]) if ctx.get("source") else None
    d["context"] = Context(**ctx)
    d["countries"] = _known(SideCountries, d.get("countries") or {})
    d["counts"] = [_known(Count, c) for c in d.get("counts") or []]
    if d.get("factual") is None:
        d["factual"] = is_factual(d["context"], "future_of" in extra)
    return _known(Event, d)


def refs(value: Ref | list[Ref] | None) -> list[Ref]:
    """An event argument as a list, whether it is a list, one reference (older code) or absent."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
