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
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronika.errors import ConfigError, KronikaError
from kronika.web.paths import hide_paths

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
    429: "busy",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


class ApiError(Exception):
    """An error a view raises on purpose; becomes the one error shape with this status."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        error: str | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error or _CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
        self.details = details
        self.headers = headers


class TrackedSend:
    """An ASGI ``send`` that remembers whether the response has started: a middleware may answer
    an error itself only before that (the error middlewares here and in ``security.py``)."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
        await self.send(message)


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
        return error_response(request, exc, headers=exc.headers)

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
        return error_response(request, ApiError(400, hide_paths(str(exc)), error=f"{exc.code}"))

    @app.exception_handler(KronikaError)
    async def _kronika(request: Request, exc: KronikaError) -> Response:
        # A user error from the library (unreadable upload, bad date...): the catalogue code says which.
        return error_response(request, ApiError(400, hide_paths(str(exc)), error=exc.code))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:  # errors outside CatchAllMiddleware
        return bug_response(request, exc)


def bug_response(request: Request, exc: Exception) -> Response:
    """A bug's 500, in the one shape; the details go to the server log, not to the client."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, ApiError(500, f"internal error ({type(exc).__name__}); see the server log"))


class CatchAllMiddleware:
    """Turns an unexpected exception into the 500 response and *does not re-raise it*.

    Starlette's outermost middleware answers 500 too, but then re-raises so the server can log it,
    and uvicorn closes the connection of any request whose app raised: the client's next request
    on that keep-alive connection fails. Handled here, the exception ends with the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if tracked.started:  # too late for a clean answer; the server closes this connection
                raise
            await bug_response(Request(scope), exc)(scope, receive, send)
