"""The event filters, spelled once: the CLI options, the web's query parameters and the store's
queries all build and read this one :class:`EventFilter`.

Also the paging rules every list query follows (a default row limit, an offset), so that no
query answers with the whole archive unless asked to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from kronika.errors import Errors

DEFAULT_LIMIT = 100  # rows a list query returns unless told otherwise (CLI and Python API)
MAX_PAGE = 20_000  # the largest page one request may ask for (the web caps its ``limit`` here)


@dataclass(frozen=True)
class EventFilter:
    """Which story events a query wants (``None`` = no filter on that field).

    - ``actor`` / ``with_``: a name or code ("Kazakhstan", "KAZ", "Tokayev", "EU"; see
      :func:`kronika.store.actors.resolve_actor`); with both, only events involving both.
    - ``since`` / ``until``: YYYY, YYYY-MM or YYYY-MM-DD, inclusive, compared with the event's date
      range (a partial date means its first day for ``since`` and its last day for ``until``).
    - ``type``: PLOVER type(s), comma-separated.
    - ``place``: the name of the event's location, by whole words ("Kyiv").
    - ``outlet``: the name of an outlet that reported it, by whole words.
    - ``factual``: which events by whether they happened (:data:`FACTUAL_CHOICES`): by default
      (``None``, the same as ``"only"``) only events told as having happened -- never negated,
      denied, hypothetical or merely expected ones (see :func:`kronika.record.is_factual`);
      ``"all"`` includes those too, ``"not"`` keeps only them. The CLI spells ``"all"``
      ``--include-nonfactual``, the web ``?factual=all``.
    """

    actor: str | None = None
    with_: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    place: str | None = None
    outlet: str | None = None
    factual: str | None = None

    # How each field is spelled on the command line and in URLs (``with`` is a Python keyword).
    PARAMS: ClassVar[dict[str, str]] = {"with_": "with"}
    HELP: ClassVar[dict[str, str]] = {
        "actor": "Actor: a name, ISO3 country code or entity key (e.g. Kazakhstan, KAZ, Tokayev, EU).",
        "with_": "Only events also involving this second actor (a pair of actors).",
        "since": "From this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        "until": "Up to this date, inclusive.",
        "type": "PLOVER event type(s), comma-separated, e.g. ASSAULT or CONSULT,AGREE.",
        "place": "Location name, e.g. Kyiv.",
        "outlet": "Only events reported by this outlet.",
        "factual": "only (default): events told as having happened; all: also negated, denied, hypothetical "
        "and expected ones; not: only those.",
    }

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def of(cls, **values: Any) -> EventFilter:
        """A checked filter from user input: blanks mean "no filter", types are upper-cased, dates
        are validated (a :class:`~kronika.errors.ConfigError` naming the option otherwise).
        ``with`` is accepted for ``with_``."""
        if "with" in values:
            values["with_"] = values.pop("with")
        unknown = set(values) - set(cls.names())
        if unknown:
            raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        clean = {k: (str(v).strip() or None) if v is not None else None for k, v in values.items()}
        if clean.get("type"):
            types = [t.strip().upper() for t in str(clean["type"]).split(",") if t.strip()]
            check_types(types)
            clean["type"] = ",".join(types) or None
        if clean.get("factual"):
            clean["factual"] = factual_choice(str(clean["factual"]))
            if clean["factual"] == "only":
                clean["factual"] = None  # the default: spelled once, so params() leaves it out
        for name, end in (("since", False), ("until", True)):
            if clean.get(name):
                day_bound(str(clean[name]), name, end)
        return cls(**clean)

    def types(self) -> list[str]:
        return [t for t in (self.type or "").split(",") if t]

    def params(self) -> dict[str, str]:
        """The filters that are set, spelled as URL parameters and CLI options name them."""
        return {self.PARAMS.get(k, k): v for k, v in asdict(self).items() if v is not None}

    def __bool__(self) -> bool:
        return any(v is not None for v in asdict(self).values())


FACTUAL_CHOICES = ("only", "all", "not")


def check_types(types: list[str]) -> None:
    """A ConfigError naming ``--type`` and the PLOVER types for any type that is not one of them:
    an unknown type (a typo, a CAMEO code) would otherwise match nothing and look like "no events"."""
    from kronika.events.plover import TYPES  # the 16 types the pipeline codes; a small module

    bad = [t for t in types if t not in TYPES]
    if bad:
        raise Errors.E613(option="--type", value=",".join(bad), choices=", ".join(TYPES))


def factual_choice(value: str | bool | None) -> str:
    """``only`` | ``all`` | ``not`` from user input (``None`` and ``False`` mean the default, ``only``;
    ``True`` means ``all``, as ``include_nonfactual=True`` does); a ConfigError naming the choices."""
    if value is None or value is False:
        return "only"
    if value is True:
        return "all"
    v = str(value).strip().lower()
    if v not in FACTUAL_CHOICES:
        raise Errors.E613(option="factual", value=value, choices=", ".join(FACTUAL_CHOICES))
    return v


def factual_where(column: Any, factual: str | bool | None) -> Any:
    """The condition on a ``factual`` column for a choice (None when every row qualifies)."""
    choice = factual_choice(factual)
    if choice == "all":
        return None
    return column.is_(True) if choice == "only" else column.is_(False)


def day_bound(value: str, name: str, end: bool = False) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD -> its first (or, with ``end``, last) day, ISO; else a ConfigError."""
    from kronika.record import ArticleDate  # the one parser of such dates

    date = ArticleDate.parse(value) if len(value) in (4, 7, 10) else None
    if date is None:
        opt = name if name.startswith("-") else f"--{name}"
        raise Errors.E610(option=opt, value=value)
    return (date.last if end else date.first).isoformat()


def check_page(limit: int | None, offset: int = 0) -> None:
    """Reject a negative page (``limit=None`` means every row, for callers that stream)."""
    if limit is not None and limit < 0:
        raise Errors.E612(option="limit", value=limit)
    if offset < 0:
        raise Errors.E612(option="offset", value=offset)
