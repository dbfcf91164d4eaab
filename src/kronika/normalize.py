"""The one way names and short texts are compared: :func:`fold`.

Every comparison of names (the reader's bylines, the actors knowledge base, entity identity across
articles, the metadata scorer) folds both sides with this function, each adding only what its job
needs on top (the reader drops honorifics, cross-article keys drop punctuation and a leading "the").
It sits at the bottom of the import graph so stages and front ends can share it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: ``"Türkiye’s  Erdoğan"`` -> ``"turkiye's erdogan"``.

    Accents are dropped by decomposing (NFKD) and removing the combining marks, so letters of other
    scripts are kept (``"Зеленский"`` folds to ``"зеленскии"``, not to nothing).
    """
    s = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())
