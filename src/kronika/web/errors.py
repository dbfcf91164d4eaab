"""One error shape for every error the web app returns, JSON or HTML.

Like datasette's ``handle_exception``: whatever fails (a missing article, a bad query parameter,
an over-size upload, a missing token, a bug), an API client gets the same JSON object::

    {"ok": false, "status": 404, "error": "not_found", "message": "no article with id 'x'", "details": null}

and a browser asking for a page gets the same facts rendered in the error page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from kronika.errors import ConfigError, KronikaError

log = logging.getLogger("kronika.web")

# Machine-readable names for the statuses we return; anything else falls back to the HTTP phrase.
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


class ApiError(Exception):
    """An error a view raises on purpose; becomes the one error shape with this status."""

    def __init__(self, status: int, message: str, *, error: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error or _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
        self.details = details


def error_body(status: int, message: str, error: str | None = None, details: Any = None) -> dict[str, Any]:
    """The one JSON shape (tests check every error path against it)."""
    return {
        "ok": False,
        "status": status,
        "error": error or _CODES.get(status, "error"),
        "message": message,
        "details": details,
    }


def _wants_html(request: Request) -> bool:
    """Pages answer in HTML; /api/ and clients that do not ask for HTML get JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, err: ApiError, headers: dict[str, str] | None = None) -> Response:
    body = error_body(err.status, err.message, err.error, err.details)
    if _wants_html(request):
        from kronika.web.templating import render_error

        return render_error(request, body, headers=headers)
    return JSONResponse(body, status_code=err.status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        out.append({"field": ".".join(loc), "message": e.get("msg", ""), "type": e.get("type", "")})
    return out


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure through :func:`error_response`."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        if exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, ApiError(exc.status_code, message), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        first = details[0] if details else {"field": "request", "message": "invalid"}
        message = f"{first['field']}: {first['message']}"
        return error_response(request, ApiError(422, message, details=details))

    @app.exception_handler(ConfigError)
    async def _config(request: Request, exc: ConfigError) -> Response:
        return error_response(request, ApiError(400, str(exc), error=f"{exc.code}"))

    @app.exception_handler(KronikaError)
    async def _kronika(request: Request, exc: KronikaError) -> Response:
        # A user error from the library (unreadable upload, bad date...): the catalogue code says which.
        return error_response(request, ApiError(400, str(exc), error=exc.code))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, ApiError(500, f"internal error ({type(exc).__name__}); see the server log"))
