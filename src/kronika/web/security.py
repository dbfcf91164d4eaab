"""What keeps the web app safe to run: headers, size limits, who may write, which URLs we link.

- Every response carries a strict Content-Security-Policy: scripts and styles only from our own
  static files (no inline script runs, so a ``<script>`` that slipped into an article could not
  execute even if escaping failed), no frames, no plugins.
- Request bodies are counted as they stream in and cut at a limit, whether or not the client sent
  a Content-Length.
- Every request must name this server in its ``Host`` header (localhost names, the bound address,
  ``--allowed-host``): a page on another name that its owner points at 127.0.0.1 (DNS rebinding)
  gets a 400 instead of talking to us as if it were same-origin.
- Writing (storing an analyzed article) needs the token when one is set; without a token only
  loopback clients may write, and never from another site's page (Origin check against CSRF).
- Links taken from articles are kept only when they are http(s) or mailto; ``javascript:`` and
  other schemes are shown as text.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import Request
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronika.web.errors import ApiError, TrackedSend, error_body
from kronika.web.links import SAFE_SCHEMES, safe_url  # noqa: F401  (part of this module's API)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# Names that always mean this machine: a rebinding attacker cannot own them (RFC 6761 for *.localhost).
LOCAL_HOSTS = ("localhost", "*.localhost", "127.0.0.1", "[::1]")


def allowed_hosts(extra: Iterable[str] = ()) -> list[str]:
    """The Host names to accept: :data:`LOCAL_HOSTS`, plus ``extra`` (the bound address, which for a
    wildcard bind means this machine's own names, and ``--allowed-host`` values; ``*`` = any)."""
    hosts = list(LOCAL_HOSTS)
    for h in extra:
        h = h.strip().lower()
        if not h:
            continue
        if h in ("0.0.0.0", "::", "[::]"):  # bound to every address: this machine's names are ours
            name = socket.gethostname().lower()
            hosts += [name, socket.getfqdn(name).lower()]
            continue
        try:
            if ipaddress.ip_address(h.strip("[]")).version == 6:
                h = f"[{h.strip('[]')}]"  # the Host header spells an IPv6 address in brackets
        except ValueError:
            pass
        hosts.append(h)
    return list(dict.fromkeys(hosts))


class HostCheckMiddleware(TrustedHostMiddleware):
    """Starlette's host check (against DNS rebinding), answering in the one error shape."""

    _PASSED = "kronika.host_ok"

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope[self._PASSED] = True
            await app(scope, receive, send)

        super().__init__(passed, allowed_hosts=allowed_hosts, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def shaped_send(message: Message) -> None:
            if scope.get(self._PASSED):
                await send(message)
            elif message["type"] == "http.response.start":  # the parent's plain-text refusal
                host = dict(scope.get("headers", [])).get(b"host", b"").decode("utf-8", "replace")[:100]
                reason = (
                    f"this server does not answer to the host name {host!r}; "
                    "start it with --allowed-host NAME to allow that name"
                )
                await send_error(send, error_body(400, reason, error="bad_host"))

        await super().__call__(scope, receive, shaped_send)


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response (pure ASGI: no body buffering)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.encode() not in present:
                        headers.append((k.encode(), v.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with a 413 in the one error shape.

    A declared Content-Length over the limit is refused before reading; a body that grows past the
    limit while streaming (chunked uploads) is cut off at the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        received = 0
        tracked = TrackedSend(send)

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counting_receive, tracked)
        except _TooLarge:
            if not tracked.started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        mib = self.max_bytes / (1024 * 1024)
        message = f"request body over the limit of {self.max_bytes} bytes ({mib:.1f} MiB)"
        await send_error(send, error_body(413, message))


async def send_error(send: Send, body: dict[str, object]) -> None:
    """Send an error response in the one shape from a middleware (before any app has answered)."""
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": body["status"], "headers": headers})
    await send({"type": "http.response.body", "body": data})


class _TooLarge(Exception):
    pass


def check_token(request: Request) -> None:
    """When the server has a token, the request must carry it (``Authorization: Bearer`` or
    ``X-Kronika-Token``). Every POST asks this: analysis is costly even when nothing is stored."""
    token = request.app.state.config.token
    if not token:
        return
    given = request.headers.get("x-kronika-token") or ""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    if not given:
        raise ApiError(401, "this server needs a token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(403, "the token is not valid", error="bad_token")


def check_write_allowed(request: Request) -> None:
    """Raise the right :class:`ApiError` unless this request may write to the store."""
    config = request.app.state.config
    if config.read_only:
        raise ApiError(403, "the server runs in read-only mode; storing is disabled", error="read_only")
    if config.store is None and config.db is None:
        raise ApiError(503, "no store is open; start the server with --db", error="no_store")
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise ApiError(403, f"writes from another site ({origin}) are refused", error="cross_origin")
    if config.token:
        check_token(request)
        return
    client = request.client.host if request.client else None
    if not is_loopback(client):
        raise ApiError(403, "storing from another machine needs the server to be started with --token")
