"""The stage registry and ``analyze()``: the one entry point every front end calls.

Each stage is a function ``(article, ctx) -> article`` registered under a versioned name (like
spaCy's factories) that declares which record fields it ``requires`` and ``assigns``; building a
pipeline checks that every requirement is assigned by an earlier stage, so a mis-ordered or
missing stage fails when the pipeline is built, not halfway through a corpus.

The spaCy parse is done once per batch with ``nlp.pipe`` and handed to the stages in the
:class:`StageContext`; stages never re-parse.

Memory stays flat over a corpus: documents are annotated a chunk at a time inside spaCy's
``memory_zone``, which frees the strings and lexemes their texts added to the vocabulary (new
names, numbers, typos: without it the vocabulary grows with every document). Nothing spaCy made
outlives a zone -- the records are plain data when a chunk ends -- and whatever a stage builds
lazily on the model (a matcher) is built before the first zone, by a warm-up document. Within a
zone, texts are parsed a few thousand characters at a time (:data:`PARSE_CHARS`): the parser's
working memory grows with the text it is given at once, and it is what sets a run's peak.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from kronika.errors import Errors, Failure, KronikaError
from kronika.parsing import pipe_safely
from kronika.record import Article
from kronika.settings import Settings
from kronika.version import __version__

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kronika.nlp import ModelSetup

StageFn = Callable[[Article, "StageContext"], Article]


@dataclass
class StageContext:
    """What a stage may use besides the record: the settings, the model and the parsed text."""

    settings: Settings
    nlp: Language | None = None
    doc: Doc | None = None
    scratch: dict[str, Any] = field(default_factory=dict)  # per-document data shared between stages


@dataclass(frozen=True)
class Stage:
    name: str  # e.g. "kronika.time.normalize.v1"
    fn: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    setup: ModelSetup | None = None  # adds what the stage needs to the spaCy model (e.g. an entity ruler)


_REGISTRY: dict[str, Stage] = {}

# The default pipeline, by registered name, and the module that registers each.
DEFAULT_STAGES: tuple[tuple[str, str], ...] = (
    ("kronika.time.normalize.v1", "kronika.time.stage"),
    ("kronika.actors.resolve.v1", "kronika.actors.stage"),
    ("kronika.events.plover.v1", "kronika.events.stage"),
)

# Documents annotated in one spaCy memory zone: big enough that a zone's bookkeeping is nothing
# next to the parse, small enough that the strings one zone holds stay small.
ZONE_DOCS = 64
# The most text given to ``nlp.pipe`` at once (one document more only when it alone is longer).
# The parser's working memory grows with the text of a batch -- measured with the default small
# model: about 3 KB per character, +57 MB over the loaded model for 8 news-length documents, +200 MB
# for 32 -- and it is what sets a run's peak RSS. Batches counted in documents vary with the
# documents' lengths, so the more of them a corpus has, the bigger its biggest and the higher the
# peak (a 10x corpus peaked higher than the 1x one); counted in characters, every corpus peaks
# alike. Parsing 4 news-length documents at once costs as much CPU per document as 16 (measured).
PARSE_CHARS = 12_000
# Zones must not overlap on one vocabulary (the strings one frees could belong to the other's
# documents): threads of a process sharing the model take turns, a whole chunk at a time.
_ZONE_LOCK = threading.Lock()
# Annotated once per model before the first zone, so that what stages build lazily on the model
# (the actors stage's title matcher) is made outside any zone and lives on. Our own words.
WARM_UP_TEXT = (
    "The President of the republic met the foreign minister of a neighbouring state in the capital "
    "on Monday, 3 March 2023. They agreed to open a new border crossing next year."
)

# Fields the reader fills and the annotate step (spaCy) provides before any stage runs.
_GIVEN = ("text", "metadata", "paragraphs", "links", "boilerplate", "doc")


def register_stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), setup: ModelSetup | None = None
) -> Callable[[StageFn], StageFn]:
    """Decorator: register ``fn`` as the stage ``name`` (a versioned dotted name).

    ``setup`` is called once on the loaded spaCy model when the stage is in a pipeline, so a stage
    can add components (the actors stage's knowledge-base ruler) without ``nlp`` importing it.
    """

    def deco(fn: StageFn) -> StageFn:
        _REGISTRY[name] = Stage(name, fn, tuple(requires), tuple(assigns), setup)
        return fn

    return deco


def get_stage(name: str, module: str | None = None) -> Stage:
    if name not in _REGISTRY and module:
        importlib.import_module(module)
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise Errors.E201(name=name, known=known) from None


def check_order(stages: list[Stage]) -> None:
    """Fail early when a stage requires a field no earlier stage assigns."""
    have = set(_GIVEN)
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise Errors.E202(stage=st.name, missing=missing)
        have.update(st.assigns)


class Pipeline:
    """The NLP part of kronika: spaCy annotation followed by the registered stages."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[str] | None = None) -> None:
        self.settings = settings or Settings()
        modules = dict(DEFAULT_STAGES)
        names = list(stages) if stages is not None else [n for n, _ in DEFAULT_STAGES]
        self.stages = [get_stage(n, modules.get(n)) for n in names]
        check_order(self.stages)
        self._nlp: Language | None = None
        self._warm = False

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from kronika.nlp import load_nlp

            # Every pipeline parses with the full pipeline's model (the default stages' setups
            # always apply): a pipeline of some stages then annotates exactly as the whole one
            # does, and a process keeps one model, not one per stage list.
            default = [get_stage(n, m) for n, m in DEFAULT_STAGES]
            setups = dict.fromkeys(st.setup for st in [*default, *self.stages] if st.setup is not None)
            self._nlp = load_nlp(self.settings.model, self.settings.kb_files, list(setups))
        return self._nlp

    def info(self) -> dict[str, Any]:
        from kronika.nlp import model_info

        return {"kronika": __version__, **model_info(self.nlp), "stages": [s.name for s in self.stages]}

    def run(self, article: Article) -> Article:
        """Annotate one article (see :meth:`run_many` for corpora)."""
        out = next(iter(self.run_many([article])))
        if isinstance(out, Failure):
            raise KronikaError(out.reason, path=out.path, line=out.line, code=out.code)
        return out

    def run_many(self, articles: Iterable[Article]) -> Iterator[Article | Failure]:
        """Annotate a stream of articles, parsing in batches with ``nlp.pipe``; order is kept.

        A stage that fails on one document yields a :class:`Failure` for it and the stream goes on.
        Each :data:`ZONE_DOCS` documents are annotated in one spaCy memory zone (see the module
        docstring), so results come a chunk at a time.
        """
        articles = iter(articles)
        first = next(articles, None)
        if first is None:  # nothing to do: don't load the model (e.g. every input failed to read)
            return
        info = self.info()
        rest = chain([first], articles)
        while chunk := list(islice(rest, ZONE_DOCS)):
            if not self._warm:
                self._warm_up(info)
            with _ZONE_LOCK, self.nlp.memory_zone():
                done = list(self._annotate(chunk, info))
            yield from done

    def _warm_up(self, info: dict[str, Any]) -> None:
        """Annotate :data:`WARM_UP_TEXT` outside any memory zone (once per pipeline)."""
        from kronika.read import read_text

        with _ZONE_LOCK:
            list(self._annotate([read_text(WARM_UP_TEXT)], info))
        self._warm = True

    def _annotate(self, articles: Iterable[Article], info: dict[str, Any]) -> Iterator[Article | Failure]:
        for group in text_groups(articles):
            yield from self._annotate_group(group, info)

    def _annotate_group(self, articles: list[Article], info: dict[str, Any]) -> Iterator[Article | Failure]:
        texts = ((a.text, a) for a in articles)
        for doc, article in pipe_safely(self.nlp, texts, self.settings.batch_size):
            if isinstance(doc, KronikaError):  # too long, or the parser failed: this document only
                doc.path, doc.line = article.source.path, article.source.line
                yield Failure.from_error(doc, stage="parse")
                continue
            ctx = StageContext(self.settings, self.nlp, doc)
            try:
                for st in self.stages:
                    article = st.fn(article, ctx)
            except KronikaError as exc:  # the file at fault (a KB file...), if any, stays in the reason
                src = article.source
                yield Failure(src.path, f"{exc.where()}{exc.message}", st.name, src.line, code=exc.code)
                continue
            except Exception as exc:  # a bug in a stage must not sink a whole corpus
                err = Errors.E300(
                    path=article.source.path, line=article.source.line, reason=f"{type(exc).__name__}: {exc}"
                )
                yield Failure.from_error(err, stage=st.name)
                continue
            article.pipeline = info
            yield article


def text_groups(
    articles: Iterable[Article], chars: int | None = None, docs: int | None = None
) -> Iterator[list[Article]]:
    """``articles`` in order, in lists of at most ``chars`` characters (:data:`PARSE_CHARS` by
    default; a longer document goes alone) and, when given, at most ``docs`` documents."""
    limit = PARSE_CHARS if chars is None else chars
    group: list[Article] = []
    size = 0
    for a in articles:
        if group and ((docs is not None and len(group) >= docs) or size + len(a.text) > limit):
            yield group
            group, size = [], 0
        group.append(a)
        size += len(a.text)
    if group:
        yield group


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Read ``text`` as a plain-text article and run the whole pipeline on it."""
    from kronika.read import read_text

    settings = (settings or Settings()).with_(title=title or None, published=published or None, url=url or None)
    article = read_text(text, settings=settings)
    return get_pipeline(settings).run(article)


def analyze_paths(paths: Iterable[str], settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Read every document under ``paths`` (files, folders, ``-``) and analyze it, in input order."""
    from kronika.read import read_inputs

    settings = settings or Settings()
    pipe = get_pipeline(settings)
    pending: list[Article] = []
    # Failures from the reader are passed through in place; articles are parsed in batches.
    for item in read_inputs(paths, settings):
        if isinstance(item, Failure):
            yield from pipe.run_many(pending)
            pending = []
            yield item
        else:
            pending.append(item)
            if len(pending) >= settings.batch_size:
                yield from pipe.run_many(pending)
                pending = []
    yield from pipe.run_many(pending)


_PIPELINES: dict[Settings, Pipeline] = {}


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """A cached pipeline per model setting (the model is loaded once per process).

    Metadata overrides (``--published``...) are applied by the reader, so they are not part of
    the cache key.
    """
    key = (settings or Settings()).with_(title=None, published=None, url=None)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(key)
    return _PIPELINES[key]
