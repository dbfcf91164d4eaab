"""Which links from an article may become an ``href``: its own module, imported by the templates,
the reader view and the security layer alike without any of them importing another."""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(value: object) -> str | None:
    """``value`` when it is a link we may put in an href, else None (the caller shows it as text)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or any(ord(c) < 32 for c in url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in SAFE_SCHEMES else None
