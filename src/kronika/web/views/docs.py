"""``/docs``: the OpenAPI explorer, served from the bundled swagger-ui-dist (no CDN).

FastAPI's own docs page loads Swagger UI from a CDN and starts it with an inline script; ours
loads the vendored files from ``/static/vendor/swagger-ui`` and starts it from a static script,
so it works offline and under the same strict Content-Security-Policy as every other page.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from kronika.web.templating import render

router = APIRouter()


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def page_docs(request: Request) -> Response:
    return render(request, "docs.html", {}, twin="/openapi.json")
