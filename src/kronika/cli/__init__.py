"""The ``kronika`` command: thin commands over the library functions.

Each front-end module registers its commands on the one Typer app (``register(app)``), so the
commands for a stage live beside nothing else and this file only assembles them.
"""

from __future__ import annotations

import importlib
import sys

import typer

from kronika.errors import KronikaError
from kronika.version import __version__

app = typer.Typer(
    name="kronika",
    help="Turn news reports and commentary into a sourced chronicle: who did what to whom, when, "
    "where, and according to whom.",
    no_args_is_help=True,
    add_completion=True,  # kronika --install-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Modules that register commands; each owns one group of commands.
COMMAND_MODULES = (
    "kronika.cli.analyze",
    "kronika.cli.evaluate",
    "kronika.cli.batch",
    "kronika.cli.store",
    "kronika.cli.stories",
    "kronika.cli.web",
    "kronika.cli.cite",
    "kronika.cli.fetch",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kronika {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Say more on stderr (what each stage does)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr: no notes, no progress bars."),
) -> None:
    """kronika: a sourced chronicle of events from news and commentary."""
    import logging

    from kronika.cli.common import VERBOSITY

    VERBOSITY["level"] = -1 if quiet else (1 if verbose else 0)
    if verbose:
        logging.basicConfig(level=logging.INFO, format="kronika: %(name)s: %(message)s")


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear error line (never a traceback) and return the Exit to raise."""
    typer.echo(f"kronika: error: {message}", err=True)
    return typer.Exit(code)


def main() -> None:
    try:
        app()
    except KronikaError as exc:
        typer.echo(f"kronika: error: {exc}", err=True)
        from kronika.cli.common import VERBOSITY

        if VERBOSITY["level"] > 0:
            import traceback

            traceback.print_exc()
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("kronika: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `kronika analyze ... | head`
        sys.exit(0)
