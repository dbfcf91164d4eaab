"""Jinja2 rendering for the pages: autoescaped templates, our filters, and the JSON-twin link.

Every page names its JSON twin (``twin``); the base template puts it in a
``<link rel="alternate" type="application/json">`` and a visible "JSON" link, so whatever a page
shows can be fetched as data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from kronika.stories.quad import quad_of
from kronika.version import __version__
from kronika.web.links import safe_url

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.autoescape = True  # every template, whatever its extension
templates.env.filters["safe_url"] = safe_url
templates.env.filters["quad_class"] = lambda event_type: quad_of(event_type) or 0


def snippet_marks(snippet: str | None) -> Markup:
    """A search snippet with the store's ``[match]`` brackets as ``<mark>``; every piece escaped."""
    out = []
    for i, part in enumerate(re.split(r"\[([^\[\]]*)\]", snippet or "")):
        out.append(Markup("<mark>{}</mark>").format(part) if i % 2 else escape(part))
    return Markup("").join(out)


templates.env.filters["snippet_marks"] = snippet_marks
templates.env.globals["kronika_version"] = __version__


def query_string(params: dict[str, Any]) -> str:
    """``?a=1&b=2`` for the non-empty parameters (used to build twin and filter links)."""
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return ("?" + urlencode(clean, doseq=True)) if clean else ""


templates.env.globals["query_string"] = query_string


def render(
    request: Request, name: str, context: dict[str, Any], *, twin: str | None = None, status: int = 200
) -> HTMLResponse:
    config = request.app.state.config
    ctx = {
        "request": request,
        "twin": twin,
        "read_only": config.read_only,
        "needs_token": bool(config.token),
        "has_store": config.db is not None or config.store is not None,
        **context,
    }
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def render_error(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> HTMLResponse:
    """The error page: the same fields as the JSON error shape, for a person."""
    config = getattr(request.app.state, "config", None)
    ctx = {
        "request": request,
        "twin": None,
        "error": body,
        "read_only": bool(config and config.read_only),
        "needs_token": bool(config and config.token),
        "has_store": bool(config and (config.db is not None or config.store is not None)),
    }
    return templates.TemplateResponse(request, "error.html", ctx, status_code=body["status"], headers=headers)
