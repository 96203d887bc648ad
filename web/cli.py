"""The `eventatlas` command: ingest reports, extract events, export and serve the map."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from timeline.ingest import IngestError, read_article, read_articles, report_files

DATABASE = click.option(
    "--database",
    envvar="EVENTATLAS_DATABASE",
    default="eventatlas.db",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite file of the store (env EVENTATLAS_DATABASE).",
)


class DateType(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventatlas")
def main() -> None:
    """Event Atlas: news reports in, a dated, geocoded timeline of events out."""


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", type=DateType(), help="Publication date, when the file does not give one.")
@click.option("--json", "as_json", is_flag=True, help="Print the extract JSON (the scorer's contract).")
def extract(file: Path, published: date | None, as_json: bool) -> None:
    """Extract the events and places of one report FILE (.txt, .html, .json)."""
    from timeline.pipeline import extract as run

    try:
        result = run(read_article(file, published)).to_json()
    except IngestError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    _print_extraction(result)


def _print_extraction(result: dict) -> None:
    article = result["article"]
    click.echo(
        f"{article['title']}  (published {article['published'] or 'unknown'}, {article['published_source']})"
    )
    click.echo("places: " + ", ".join(p["name"] for p in result["places"]))
    for event in result["events"]:
        when = _when(event)
        count = (
            event["count"]
            if event["count"] is not None
            else (f"{event['count_min']}–{event['count_max']}" if event.get("count_min") is not None else "?")
        )
        click.echo(f"- {event['type']:<24} {when:<24} people={count:<8} {', '.join(event['places'])}")
        click.echo(f"    “{event['quote']}”")


def _when(event: dict) -> str:
    if event["precision"] == "recurring":
        return f"every {event['from_month']}→{event['to_month'] or '…'}"
    if event["precision"] == "none":
        return "undated"
    return event["start"] if event["start"] == event["end"] else f"{event['start']}/{event['end'] or '..'}"


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--published", type=DateType(), help="Publication date for reports that do not give one.")
@DATABASE
def ingest(paths: tuple[Path, ...], published: date | None, database: Path) -> None:
    """Store reports from files or folders (PATHS) and the events extracted from them.

    The same report twice is stored once. A report that cannot be read is reported and skipped;
    nothing stored before is lost.
    """
    from timeline.pipeline import EXTRACTOR_VERSION
    from timeline.pipeline import extract as run
    from timeline.store import Store

    stored = skipped = failed = 0
    with Store(database) as store:
        for path in report_files(list(paths)):
            try:
                articles = list(read_articles(path, published))
            except IngestError as error:
                failed += 1
                click.echo(f"failed   {error}", err=True)
                continue
            for article in articles:
                events = run(article).events
                if store.add_article(article, events, EXTRACTOR_VERSION):
                    stored += 1
                    click.echo(f"stored   {path}: {article.title[:60]!r}, {len(events)} events")
                else:
                    skipped += 1
                    click.echo(f"skipped  {path}: already stored ({article.id})")
    click.echo(f"{stored} stored, {skipped} skipped (already stored), {failed} failed")
    if failed and not stored and not skipped:
        sys.exit(1)


@main.command()
@DATABASE
def reprocess(database: Path) -> None:
    """Re-derive every stored article's events with the current rules, lexicon and gazetteer."""
    from timeline.pipeline import EXTRACTOR_VERSION
    from timeline.pipeline import extract as run
    from timeline.store import Store

    with Store(database) as store:
        articles = list(store.articles())
        for article in articles:
            store.replace_events(article.id, run(article).events, EXTRACTOR_VERSION)
    click.echo(f"reprocessed {len(articles)} articles with extractor {EXTRACTOR_VERSION}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@DATABASE
def serve(host: str, port: int, database: Path) -> None:
    """Serve the map, the timeline, GeoJSON and the embeds (development server)."""
    from web.app import create_app

    create_app({"DATABASE": str(database)}).run(host=host, port=port)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "csv", "timeline"]),
    default="geojson",
    show_default=True,
    help="GeoJSON (RFC 7946) or CSV: one record per stored event; timeline: happenings merged across reports.",
)
@click.option(
    "--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="File (default stdout)."
)
@click.option("--bbox", help="minLon,minLat,maxLon,maxLat")
@click.option("--datetime", "when", help="An instant or interval, '..' for an open end (OGC API).")
@click.option("--type", "types", help="Comma list of event types.")
@click.option(
    "--place",
    help="A place id or any of its names (aliases, romanisations); a province or region also finds "
    "the events of the places in it.",
)
@DATABASE
def export(
    fmt: str, output, bbox: str | None, when: str | None, types: str | None, place: str | None, database: Path
) -> None:
    """Export stored events with the same filters as the web views."""
    from timeline.query import BadQuery, Query
    from timeline.store import Store
    from web.formats import render

    params = {k: v for k, v in {"bbox": bbox, "datetime": when, "type": types, "place": place}.items() if v}
    try:
        with Store(database) as store:
            events = store.events(Query.from_args(params))
    except BadQuery as error:
        raise click.ClickException(str(error)) from None
    output.write(render(fmt, events))
