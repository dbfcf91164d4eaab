"""Parsing texts with spaCy so that one document never costs the others.

``nlp.pipe`` has two ways to lose a whole batch: a text over ``nlp.max_length`` raises E088 for
everything in flight, and any exception inside the model ends the generator. This module wraps it:

- a text over ``nlp.max_length`` is parsed in slices cut at paragraph (else line, sentence, word)
  boundaries and joined back with ``Doc.from_docs``; the slices are exact substrings, so the
  joined ``Doc`` has exactly the original text and every character offset stays valid. Raising
  ``max_length`` instead would parse one huge text in one go, which is what spaCy warns costs
  memory; slices keep the parser's working memory at one slice.
- a text over :data:`MAX_CHARS` is refused alone with a clear error (:class:`TooLong`): a book
  takes minutes and gigabytes, and is better split into its chapters.
- when a batch fails, its texts are parsed one by one so only the one that fails is lost.

Results come back in input order as ``(Doc | KronikaError, context)`` pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from kronika.errors import Errors, KronikaError, StageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

MAX_CHARS = 5_000_000  # about 800,000 words: a few minutes and well under a GB on top of the model
SLICE_CHARS = 100_000  # spaCy's own rule of thumb for the parser's working memory per text

# Where to cut a long text, best first: a paragraph break, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


class TooLong(StageError):
    """A text over :data:`MAX_CHARS`: refused alone, with the numbers the user needs."""

    def __init__(self, n: int, limit: int) -> None:
        super().__init__(Errors.E301.text(size=n, limit=limit), code=Errors.E301.code)


def slices(text: str, size: int = SLICE_CHARS) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``size`` characters at the best boundary in the
    second half of each piece (a hard cut only when there is no whitespace at all).

    ``"".join(slices(text)) == text`` always.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start + size // 2 : start + size]
        cut = size
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window)]
            ends = [e for e in ends if e < len(window)]  # a cut must leave something for the next piece
            if ends:
                cut = size // 2 + ends[-1]
                break
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse_long(nlp: Language, text: str) -> Doc:
    """One ``Doc`` for a text over ``nlp.max_length``, parsed slice by slice (see the module doc)."""
    import numpy
    from spacy.tokens import Doc

    if len(text) > MAX_CHARS:
        raise TooLong(len(text), MAX_CHARS)
    size = min(SLICE_CHARS, nlp.max_length)
    docs = []
    for doc in nlp.pipe(slices(text, size), batch_size=1):
        doc.tensor = numpy.empty((0, 0), dtype="float32")  # no stage uses it; it is most of a Doc's memory
        docs.append(doc)
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]  # stub lags


def pipe_safely(
    nlp: Language, items: Iterable[tuple[str, T]], batch_size: int = 32
) -> Iterator[tuple[Doc | KronikaError, T]]:
    """``nlp.pipe(items, as_tuples=True)`` that yields a :class:`KronikaError` in place of a ``Doc`` it
    could not make, instead of raising and losing the rest; order is kept."""
    batch: list[tuple[str, T]] = []
    for text, context in items:
        if len(text) > nlp.max_length:
            yield from _pipe_batch(nlp, batch, batch_size)
            batch = []
            yield _parse_one(nlp, text, long=True), context
            continue
        batch.append((text, context))
        if len(batch) >= batch_size:
            yield from _pipe_batch(nlp, batch, batch_size)
            batch = []
    yield from _pipe_batch(nlp, batch, batch_size)


def _pipe_batch(nlp: Language, batch: list[tuple[str, T]], batch_size: int) -> Iterator[tuple[Doc | KronikaError, T]]:
    if not batch:
        return
    try:
        docs = list(nlp.pipe((t for t, _ in batch), batch_size=batch_size))
    except Exception:  # find the one that fails; the others are parsed again on their own
        for text, context in batch:
            yield _parse_one(nlp, text), context
        return
    yield from zip(docs, (c for _, c in batch), strict=True)


def _parse_one(nlp: Language, text: str, long: bool = False) -> Doc | KronikaError:
    try:
        return parse_long(nlp, text) if long else nlp(text)
    except TooLong as exc:
        return exc
    except Exception as exc:  # the model's own failure on this text, e.g. MemoryError
        err = Errors.E302(error=f"{type(exc).__name__}: {exc}")
        assert isinstance(err, StageError)
        return err
