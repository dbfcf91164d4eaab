"""``kronika serve``: the web UI and HTTP API over a store."""

from __future__ import annotations

import typer


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
    app = create_app(
        None if no_db else db,
        read_only=read_only,
        token=token,
        max_request_bytes=int(max_request_mb * 1024 * 1024),
    )
    if not no_db:
        app.state.config.get_store()  # open (and migrate) now, so a bad --db fails before we listen
    typer.echo(f"kronika: serving {'no store' if no_db else db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
