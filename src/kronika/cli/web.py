"""``kronika serve``: the web UI and HTTP API over a store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from kronika.web.defaults import DEFAULT_ANSWER_CACHE_MB, DEFAULT_QUEUE


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: str | None = typer.Option(
        "kronika.db", "--db", help="The store: a SQLite file path or an SQLAlchemy URL (postgresql://...)."
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; the default serves this machine only."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write (storing analyzed articles)."),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="KRONIKA_TOKEN",
        help="Writes need 'Authorization: Bearer TOKEN' (required to allow writes on a non-loopback --host).",
    ),
    max_request_mb: float = typer.Option(5.0, "--max-request-mb", help="Largest request body (uploads) in MiB."),
    no_db: bool = typer.Option(False, "--no-db", help="Serve only the analyzer, without a store."),
    allowed_host: list[str] = typer.Option(
        [],
        "--allowed-host",
        help="Also answer to this Host name (e.g. kronika.example.org); localhost names and --host always work. "
        "Other names get 400, against DNS rebinding.",
    ),
    analysis_workers: int = typer.Option(
        min(2, os.cpu_count() or 1),
        "--analysis-workers",
        help="Processes that run analyses in parallel, each with its own model (0: one thread of the server).",
    ),
    analysis_queue: int = typer.Option(
        DEFAULT_QUEUE, "--analysis-queue", help="Analyses that may wait for a worker; more get 429 + Retry-After."
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        help="Server processes answering requests (one per core serves the most readers; the analysis "
        "workers and queue are shared out between them).",
    ),
    answer_cache_mb: float = typer.Option(
        DEFAULT_ANSWER_CACHE_MB,
        "--answer-cache-mb",
        help="MiB of read API answers kept per server process until the store changes (0: none).",
    ),
) -> None:
    """Serve the web UI (reader, timeline, network, actors, search) and the JSON API, with docs at /docs."""
    import uvicorn

    from kronika.cli import fail
    from kronika.web import create_app
    from kronika.web.security import is_loopback

    if not is_loopback(host) and not token and not read_only:
        raise fail(
            f"--host {host} exposes the server beyond this machine; pass --token TOKEN to protect writes, "
            "or --read-only"
        )
    if max_request_mb <= 0:
        raise fail("--max-request-mb must be positive")
    if analysis_workers < 0 or analysis_queue < 0:
        raise fail("--analysis-workers and --analysis-queue must be 0 or more")
    if workers < 1:
        raise fail("--workers must be 1 or more")
    if answer_cache_mb < 0:
        raise fail("--answer-cache-mb must be 0 or more")
    if read_only and not no_db and db and "://" not in db and not Path(db).expanduser().exists():
        raise fail(f"{db}: no store here, and --read-only does not create one (check the --db path)")
    options: dict[str, Any] = {
        "db": None if no_db else db,
        "read_only": read_only,
        "token": token,
        "max_request_bytes": int(max_request_mb * 1024 * 1024),
        "hosts": [host, *allowed_host],
        "analysis_workers": analysis_workers,
        "analysis_queue": analysis_queue,
        "answer_cache_mb": answer_cache_mb,
        "warm": True,
    }
    app = create_app(**options)
    if not no_db:
        app.state.config.get_store()  # open (and migrate) now, so a bad --db fails before we listen
    where = f"{'no store' if no_db else db} at http://{host}:{port}/"
    if workers > 1:
        from kronika.web.serving import run_workers

        app.state.config.close()  # each server process opens its own
        typer.echo(f"kronika: serving {where} with {workers} processes (Ctrl-C stops)", err=True)
        run_workers(options, workers, host, port)
        return
    typer.echo(f"kronika: starting {analysis_workers or 'no'} analysis worker(s)...", err=True)
    app.state.config.get_pool().start()  # each worker loads the model now, not on the first request
    typer.echo(f"kronika: serving {where} (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
