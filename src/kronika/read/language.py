"""The document language: function words first, ``langdetect`` when they do not settle it.

Counting a few dozen very frequent function words settles English (nearly every document kronika
reads) on a paragraph in microseconds, so the reader stays cheap on millions of documents. Any
other text goes to ``langdetect`` (a port of Google's language-detection: 55 languages, pure
Python, profiles in the wheel), which names languages the word lists do not know (Arabic,
Chinese, Persian ...) and tells the close ones apart. Returns None when the evidence is thin.
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


# langdetect's cost grows fast with the text it is given (0.3 s for 1,500 characters of repetitive
# text, 16 ms for 500): 500 characters name a language reliably, and keep a corpus of lists or
# tables that the function words cannot settle from costing seconds per document.
LANGDETECT_SAMPLE = 500


def detect_language(text: str, sample: int = 1500) -> str | None:
    """ISO 639-1 code of the text's language (``en``, ``ru``, ``zh-cn`` ...), or None when unclear."""
    tokens = _TOKEN.findall(text[:sample].lower())
    if len(tokens) < 8:
        return _langdetect(text[:LANGDETECT_SAMPLE]) if len(text.strip()) >= 20 else None
    guess = _function_words(tokens)
    if guess == "en":
        return guess
    return _langdetect(text[:LANGDETECT_SAMPLE]) or guess


def _langdetect(text: str) -> str | None:
    try:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # an install without it still has the function-word guess
        return None
    DetectorFactory.seed = 0  # the same text always gets the same answer
    try:
        best = detect_langs(text)[0]
    except LangDetectException:  # no letters at all
        return None
    return best.lang if best.prob >= 0.8 else None


def language_name(code: str | None) -> str:
    """``ru`` -> ``Russian`` (the code itself when pycountry does not know it)."""
    import pycountry

    found = pycountry.languages.get(alpha_2=(code or "").split("-")[0].lower())
    return found.name if found else str(code)


LANGUAGE_NOTE = "language:"  # how the note below starts (front ends find it by this)


def language_note(code: str) -> str:
    """The record's note for text that is not English: that kronika does not code it, so an empty
    record says nothing about the news in it."""
    return (
        f"{LANGUAGE_NOTE} {language_name(code)} text ({code}): not supported -- kronika codes events in "
        "English text only, so expect few or no events here and do not read their absence as news; "
        "translate it to English first"
    )


def _function_words(tokens: list[str]) -> str | None:
    scores = dict.fromkeys(_STOPWORDS, 0)
    for tok in tokens:
        for lang in _LANGS_OF.get(tok, ()):
            scores[lang] += 1
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best < max(3, len(tokens) // 20):
        return None
    return lang
