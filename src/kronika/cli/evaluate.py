"""``kronika evaluate``: score a stage against annotated data."""

from __future__ import annotations

import typer

from kronika.cli.common import ModelOpt, make_settings


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate)


def evaluate(
    stage: str = typer.Argument(..., help="What to score: metadata, entities, times, events or merge."),
    data: str | None = typer.Option(None, "--data", help="Annotated data (default: the stage's dev set)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    model: str | None = ModelOpt,
) -> None:
    """Score a stage (precision, recall, F1) against annotated data and print the table."""
    from kronika.evaluate import run_scorer

    report = run_scorer(stage, data, make_settings(model))
    if as_json:
        typer.echo(report.to_json())
    else:
        report.print()
