"""``to_pandas()`` on what the Python API returns: a record's events and entities, store query results.

The lists stay plain lists (``len``, indexing, JSON as before); they only gain ``to_pandas()``.
Event frames are the one flat event table (:mod:`kronika.export.events`), the same columns as
``events.parquet`` from ``kronika batch`` and ``kronika export``, so code written against a
frame reads the files too. pandas is imported only when a frame is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd

    from kronika.record import Article

T = TypeVar("T")

__all__ = ["EntityList", "EventList", "Rows", "StoryEvents"]


def _frame(rows: list[dict[str, Any]], schema: Any = None) -> pd.DataFrame:
    import pandas as pd
    import pyarrow as pa

    if schema is not None:
        return pa.Table.from_pylist(rows, schema=schema).to_pandas()
    return pd.DataFrame(rows)


class _Owned(list[T]):
    """A list that knows the article it belongs to (to resolve entity ids and read its metadata)."""

    def __init__(self, items: Iterable[T] = (), article: Article | None = None) -> None:
        super().__init__(items)
        self.article = article

    def _record(self) -> dict[str, Any]:
        from dataclasses import asdict

        a = self.article
        if a is None:
            return {"events": [asdict(x) for x in self], "entities": []}  # type: ignore[call-overload]
        d = a.to_dict()
        d[self._field] = [asdict(x) for x in self]  # type: ignore[call-overload]
        return d

    _field = ""


class EventList(_Owned[Any]):
    """An article's events; ``to_pandas()``: one row per event, the columns of docs/export.md."""

    _field = "events"

    def to_pandas(self) -> pd.DataFrame:
        from kronika.export.events import EVENT_SCHEMA, record_rows

        return _frame(record_rows(self._record()), EVENT_SCHEMA)


class EntityList(_Owned[Any]):
    """An article's entities; ``to_pandas()``: one row per entity (name, type, country, sector, KB
    id, offices, mentions) -- the columns of ``entities.parquet`` from ``kronika batch``."""

    _field = "entities"

    def to_pandas(self) -> pd.DataFrame:
        from kronika.batch.rows import ENTITY_SCHEMA, entity_rows

        return _frame(entity_rows(self._record()), ENTITY_SCHEMA)


class Rows(list[dict[str, Any]]):
    """Query results (plain dicts); ``to_pandas()``: one row per dict, nested values kept as objects."""

    def to_pandas(self) -> pd.DataFrame:
        return _frame(list(self))


class StoryEvents(Rows):
    """Story events from a store query; ``to_pandas()``: the flat event table of ``kronika export``."""

    def __init__(self, items: Iterable[dict[str, Any]] = (), store: Any = None) -> None:
        super().__init__(items)
        self.store = store

    def to_pandas(self) -> pd.DataFrame:
        from kronika.export.events import EVENT_SCHEMA, iter_story_rows, story_row

        rows = list(iter_story_rows(self.store, self)) if self.store is not None else [story_row(e) for e in self]
        return _frame(rows, EVENT_SCHEMA)


def owned(field: str, items: list[Any], article: Article) -> list[Any]:
    """``items`` as the article's :class:`EventList` (``field="events"``) or :class:`EntityList`."""
    kind = EventList if field == "events" else EntityList
    if type(items) is kind and items.article is article:
        return items
    return kind(items, article)
