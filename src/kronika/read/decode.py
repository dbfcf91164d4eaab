"""Bytes -> text: size limit, binary detection, encoding detection, Unicode clean-up.

UTF-8 is tried first because nearly every scraped corpus is UTF-8 and the strict decode is the
cheapest test there is; charset-normalizer is only consulted when that fails.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kronika.errors import Errors

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Zero-width characters and soft hyphens scrapers leave inside words; they break matching and offsets.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# C0/C1 controls other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def size_label(n: int) -> str:
    """A human size for messages (``21.3 MB``)."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


def check_size(n: int, max_bytes: int, path: str | None) -> None:
    if n > max_bytes:
        raise Errors.E104(path=path, size=size_label(n), limit=size_label(max_bytes))


def decode(data: bytes, path: str | None = None, line: int | None = None) -> str:
    """Decode a document's bytes (see :func:`decode_text`; without its notes)."""
    return decode_text(data, path, line)[0]


def decode_text(data: bytes, path: str | None = None, line: int | None = None) -> tuple[str, list[str]]:
    """Decode a document's bytes, refusing empty and binary input with a reason the user can act on.

    Returns the text and notes for the record whenever the decoding is a guess: a few stray bytes in
    otherwise valid UTF-8 are replaced (one bad byte must not turn every accented letter into
    mojibake), and a legacy encoding is named as detected.
    """
    if not data.strip():
        raise Errors.E101(path=path, line=line, detail="nothing but whitespace")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), []
    head = data[:8192]
    if b"\x00" in head:
        raise Errors.E102(path=path, line=line, detail="it contains NUL bytes")
    notes: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, note = _mostly_utf8(data) or _detect(data, path, line)
        notes.append(note)
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise Errors.E102(path=path, line=line, detail="too many control characters")
    return text, notes


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray bytes (a truncated copy, one Latin-1 character pasted in): the valid
    multi-byte sequences prove the encoding, so only the bad bytes are replaced."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if valid_multibyte == 0 or bad > max(3, len(data) // 2000) or bad > valid_multibyte:
        return None
    return text, f"decoding: {bad} byte(s) that are not UTF-8 were replaced with U+FFFD; the rest is UTF-8"


def _detect(data: bytes, path: str | None, line: int | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise Errors.E103(path=path, line=line)
    # Short Western text decodes almost equally well in several code pages; Windows-1252 is by far the
    # most common legacy encoding of news pages, so it wins a near tie.
    chosen = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.05), best)
    return str(chosen), f"decoding: not UTF-8; read as {chosen.encoding} (detected by charset-normalizer, a guess)"


def clean_unicode(text: str) -> str:
    """NFC, Unix newlines, no invisible or control characters, plain spaces.

    Every later offset refers to text after this step, so it must be idempotent.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)
