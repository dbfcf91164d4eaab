"""kronika's web UI and HTTP API (FastAPI): ``create_app(db)`` or ``kronika serve --db FILE``.

``create_app`` is imported on first use: every CLI command imports this package for the server's
option defaults, and FastAPI's import alone was a third of a second of each ``kronika stats``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kronika.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from kronika.web.app import create_app

        return create_app
    raise AttributeError(f"module 'kronika.web' has no attribute {name!r}")
