"""``POST /api/analyze``: pasted text or an uploaded file -> the ``kronika.article/1`` record.

The same readers and pipeline the CLI uses, run in the analysis pool (:mod:`kronika.web.workers`:
worker processes, a bounded queue, 429 when it is full) so reads never wait on analyses; storing
happens only with ``?store=true`` and only for a request allowed to write (see
:func:`check_write_allowed`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kronika.errors import Errors, Failure
from kronika.record import Article
from kronika.web.errors import ApiError
from kronika.web.jobs import analyze_text_job, analyze_upload_job
from kronika.web.security import check_token, check_write_allowed
from kronika.web.workers import AnalysisPool, Busy, WorkerDied

router = APIRouter(tags=["analyze"])

_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string", "description": "The article body (plain text)."},
                    "title": {"type": "string"},
                    "published": {"type": "string", "format": "date", "description": "YYYY-MM-DD"},
                    "url": {"type": "string"},
                },
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": ".txt .md .html .jsonl (.gz)"},
                    "text": {"type": "string"},
                    "title": {"type": "string"},
                    "published": {"type": "string", "format": "date"},
                    "url": {"type": "string"},
                },
            }
        },
    },
}


def _check_published(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ApiError(422, "published: must be a date YYYY-MM-DD", details=[{"field": "published"}])
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            422, f"published: {value!r} is not a date YYYY-MM-DD", details=[{"field": "published"}]
        ) from None
    return value


def _opt_str(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"{name}: must be a string", details=[{"field": name}])
    return value


async def _read_request(request: Request) -> tuple[dict[str, Any], UploadFile | None]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            fields = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"the body is not valid JSON: {exc}", error="invalid_json") from None
        except RecursionError:
            raise ApiError(400, "the body is not valid JSON: nested too deeply", error="invalid_json") from None
        if not isinstance(fields, dict):
            raise ApiError(422, "the JSON body must be an object with a 'text' field")
        return fields, None
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        form = await request.form()
        upload = form.get("file")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if isinstance(upload, UploadFile) and (upload.filename or upload.size):
            return fields, upload
        return fields, None
    raise ApiError(415, "send JSON {text, title?, published?, url?} or a multipart form with a 'file'")


async def _run(pool: AnalysisPool, fn: Callable[..., list[Article | Failure]], *args: Any) -> list[Article | Failure]:
    """One analysis in the pool; a full queue is a 429 with Retry-After, never a wait."""
    try:
        results: list[Article | Failure] = await pool.run(fn, *args)
    except Busy as exc:
        wait = exc.retry_after
        raise ApiError(429, str(exc), headers={"retry-after": str(wait)}, details={"retry_after": wait}) from None
    except WorkerDied as exc:
        raise ApiError(503, str(exc), error="worker_died") from None
    return results


@router.post(
    "/api/analyze",
    summary="Analyze an article",
    openapi_extra={"requestBody": _REQUEST_BODY},
    response_description="The kronika.article/1 record; for a JSON Lines upload with several documents, "
    "{records, failures}.",
)
async def analyze(
    request: Request,
    store: bool = Query(False, description="Also store the record in the store (needs write access)."),
) -> JSONResponse:
    """Run the whole pipeline on pasted text (JSON) or an uploaded file (multipart ``file``)."""
    if store:
        check_write_allowed(request)
    else:
        check_token(request)
    config = request.app.state.config
    fields, upload = await _read_request(request)
    settings = config.settings.with_(
        title=_opt_str(fields, "title"),
        published=_check_published(fields.get("published")),
        url=_opt_str(fields, "url"),
    )
    pool = config.get_pool()
    if upload is not None:
        data = await upload.read()
        if not data:
            raise ApiError(422, f"{upload.filename or 'the upload'}: the file is empty", details=[{"field": "file"}])
        name = re.sub(r"[^\w.\- ]", "_", Path(upload.filename or "upload.txt").name)[:200]
        results = await _run(pool, analyze_upload_job, data, name, settings, config.max_analyze_chars)
    else:
        text = fields.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(422, "text: the article text is missing or empty", details=[{"field": "text"}])
        if len(text) > config.max_analyze_chars:
            message = Errors.E308.text(size=len(text), limit=config.max_analyze_chars)
            raise ApiError(413, message, error="too_long")
        results = await _run(pool, analyze_text_job, text, settings)

    articles = [r for r in results if isinstance(r, Article)]
    failures = [r for r in results if isinstance(r, Failure)]
    if not articles:
        reason = str(failures[0]) if failures else "nothing could be read"
        raise ApiError(422, reason, error="unreadable", details=[f.to_dict() for f in failures])
    headers: dict[str, str] = {}
    status = 200
    if store:
        await run_in_threadpool(config.get_store().ingest, articles)  # a write: short, in the read pool
        status = 201
        headers["location"] = f"/articles/{articles[0].id}"
    if len(articles) == 1 and not failures:
        return JSONResponse(articles[0].to_dict(), status_code=status, headers=headers)
    body = {"records": [a.to_dict() for a in articles], "failures": [f.to_dict() for f in failures]}
    return JSONResponse(body, status_code=status, headers=headers)
