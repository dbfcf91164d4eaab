"""Articles: the list, the reader page (``/articles/{id}``) and their JSON twins, and citations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from kronika.web.errors import ApiError
from kronika.web.reader import build_reader
from kronika.web.templating import render
from kronika.web.views.common import MAX_LIMIT, MAX_OFFSET, get_store

router = APIRouter(tags=["articles"])

CITE_FORMATS = {
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}


def _page(store: Any, limit: int, offset: int) -> dict[str, Any]:
    rows = store.articles(limit=limit, offset=offset)
    return {"ok": True, "articles": rows, "limit": limit, "offset": offset, "next_offset": offset + len(rows)}


def _record(request: Request, article_id: str) -> dict[str, Any]:
    record = get_store(request).article(article_id)
    if record is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return record


@router.get("/api/articles", summary="Articles in the store, newest first")
def api_articles(
    request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)
) -> dict[str, Any]:
    return _page(get_store(request), limit, offset)


@router.get("/api/articles/{article_id}", summary="One article's full kronika.article/1 record")
def api_article(request: Request, article_id: str) -> JSONResponse:
    return JSONResponse(_record(request, article_id))


def citation_text(record: dict[str, Any], fmt: str) -> str:
    """The article's citation in ``fmt``, by the one citation writer (the same as ``kronika cite``)."""
    from kronika.export import citation
    from kronika.record import Article

    return citation.render([Article.from_dict(record)], fmt)


@router.get("/api/articles/{article_id}/cite", summary="Cite an article as CSL-JSON, BibTeX or RIS")
def api_cite(
    request: Request,
    article_id: str,
    format: str = Query("csl-json", description="csl-json, bibtex or ris"),
    download: bool = Query(False, description="Send as an attachment."),
) -> Response:
    if format not in CITE_FORMATS:
        raise ApiError(422, f"format: choose one of {', '.join(CITE_FORMATS)}", details=[{"field": "format"}])
    media, ext = CITE_FORMATS[format]
    body = citation_text(_record(request, article_id), format)
    headers = {"content-disposition": f'attachment; filename="{article_id}.{ext}"'} if download else {}
    return PlainTextResponse(body, media_type=media, headers=headers)


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def page_articles(
    request: Request, limit: int = Query(50, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET)
) -> Response:
    data = _page(get_store(request), limit, offset)
    return render(request, "articles.html", data, twin=f"/api/articles?limit={limit}&offset={offset}")


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def page_reader(request: Request, article_id: str) -> Response:
    view = build_reader(_record(request, article_id))
    return render(
        request,
        "reader.html",
        {"view": view, "md": view.record.get("metadata") or {}, "cite_formats": list(CITE_FORMATS)},
        twin=f"/api/articles/{article_id}",
    )


@router.get("/api/errors", summary="Documents that could not be ingested, with the stage and the reason")
def api_errors(request: Request) -> dict[str, Any]:
    return {"ok": True, "errors": get_store(request).errors()}


@router.get("/errors", response_class=HTMLResponse, include_in_schema=False)
def page_errors(request: Request) -> Response:
    return render(request, "errors.html", api_errors(request), twin="/api/errors")
