"""A cheap guess of the document language from function words.

Our own because the reader must stay cheap on millions of documents and needs no model: counting
a few dozen very frequent function words per language settles the common news languages reliably
on a paragraph of text in microseconds. Returns None when the evidence is thin.
"""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the of and to in is that for it was on with as by at from this be are have has which not but were",
    "de": "der die und das ist nicht mit sich des auf für dem den ein eine auch es im zu von wird sind",
    "fr": "le la les et des est une du en que pour dans qui pas sur au par avec ce il sont aux",
    "es": "el la los las y de que en un una por con para es del se al como su lo más pero",
    "it": "il la di che e un una per non sono del della gli le con si da al nel anche",
    "pt": "o a os as e de que em um uma para com não do da no na por se mais foi",
    "nl": "de het een en van is dat op te in voor met zijn niet aan er die ook",
    "tr": "ve bir bu da de ile için olarak olan daha gibi çok ama en ne ki mi",
    "ru": "и в не на что с по как он это из за к но от так же для все его",
    "uk": "і в не на що з як до та це за від але він так для його вже",
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words.split():
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)
_TOKEN = re.compile(r"[^\W\d_]+")


def detect_language(text: str, sample: int = 1500) -> str | None:
    """ISO 639-1 code of the language whose function words are most frequent, if clearly so."""
    tokens = _TOKEN.findall(text[:sample].lower())
    if len(tokens) < 8:
        return None
    scores = dict.fromkeys(_STOPWORDS, 0)
    for tok in tokens:
        for lang in _LANGS_OF.get(tok, ()):
            scores[lang] += 1
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best < max(3, len(tokens) // 20):
        return None
    return lang
