"""kronika's web UI and HTTP API (FastAPI): ``create_app(db)`` or ``kronika serve --db FILE``."""

from kronika.web.app import create_app

__all__ = ["create_app"]
