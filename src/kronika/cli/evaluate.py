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
    gold_set: str | None = typer.Option(
        None,
        "--set",
        help=(
            "events: realnews, plover or all (default: all; with --data, the set it names); "
            "merge: rule (default), system (end to end) or all."
        ),
    ),
    split: str | None = typer.Option(
        None,
        "--split",
        help=(
            "events, real-news gold: dev, test, all (default), or a fold of dev: dev-a, dev-b, folds (both); "
            "entities: the same splits of the event gold score actor codes."
        ),
    ),
    errors: bool = typer.Option(
        False, "--errors", help="events: list the real-news dev (or fold) errors (refused for test)."
    ),
) -> None:
    """Score a stage (precision, recall, F1) against annotated data and print the table."""
    from kronika.errors import Errors
    from kronika.evaluate import run_scorer

    if stage == "merge" and gold_set not in (None, "rule", "system", "all"):
        raise typer.BadParameter("merge: choose rule, system or all", param_hint="--set")
    options: dict[str, object] = {"set": gold_set, "split": split, "errors": errors or None}
    options = {k: v for k, v in options.items() if v is not None}
    entities_split = stage == "entities" and set(options) == {"split"}  # actor codes on a fold of the event gold
    if options and stage != "events" and not (stage == "merge" and set(options) == {"set"}) and not entities_split:
        raise Errors.E219()
    report = run_scorer(stage, data, make_settings(model), **options)
    if as_json:
        typer.echo(report.to_json())
    else:
        report.print()
