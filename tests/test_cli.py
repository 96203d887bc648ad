"""The `eventatlas` command, driven through click's CliRunner on real files and a real SQLite store."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

REPORT = """title: Guards detain family near Hyesan
source: Border Monitor, https://example.org/2019/03/hyesan.html
published: 2019-03-04

North Korean border guards arrested a family of four near Hyesan on Saturday as they tried to cross the Yalu River into China.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "hyesan.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["serve"], ["export"], ["reprocess"]])
def test_help_everywhere(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_extract_json_is_the_contract(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(main, ["extract", str(report), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"article", "places", "events"}
    assert data["article"]["published"] == "2019-03-04" and data["article"]["published_source"] == "given"
    assert {"Hyesan", "Yalu River"} <= {p["name"] for p in data["places"]}
    arrests = [e for e in data["events"] if e["type"] == "arrest"]
    assert arrests and arrests[0]["start"] == "2019-03-02" and arrests[0]["precision"] == "day"
    for key in (
        "quote",
        "start",
        "end",
        "precision",
        "from_month",
        "to_month",
        "places",
        "count",
        "count_min",
        "count_max",
        "lat",
        "lon",
        "geoprecision",
    ):
        assert key in arrests[0], key


def test_extract_flag_overrides_the_header_date(runner: CliRunner, report: Path) -> None:
    data = json.loads(
        runner.invoke(main, ["extract", str(report), "--published", "2019-03-05", "--json"]).output
    )
    assert data["article"]["published"] == "2019-03-05"


def test_extract_table_output(runner: CliRunner, report: Path) -> None:
    result = runner.invoke(main, ["extract", str(report)])
    assert result.exit_code == 0 and "arrest" in result.output and "Hyesan" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "does not exist"),
        (["extract", "{report}", "--published", "2019-02-30"], "not a date"),
        (["extract", "{report}", "--published", "yesterday"], "not a date"),
    ],
)
def test_bad_arguments_are_usage_errors(
    runner: CliRunner, report: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, [a.format(report=report) for a in args])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_unreadable_report_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1 and "not valid JSON" in result.output


def test_ingest_is_idempotent_and_keeps_going_past_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in EXAMPLES.glob("*.txt"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.json").write_text("[1]", encoding="utf-8")
    samples = len(list(EXAMPLES.glob("*.txt")))

    first = runner.invoke(main, ["ingest", str(folder), "--database", str(db)])
    assert first.exit_code == 0, first.output
    assert f"{samples} stored, 0 skipped (already stored), 1 failed" in first.output
    assert "broken.json" in first.output

    second = runner.invoke(main, ["ingest", str(folder), "--database", str(db)])
    assert f"0 stored, {samples} skipped (already stored), 1 failed" in second.output

    exported = runner.invoke(main, ["export", "--database", str(db)])
    collection = json.loads(exported.output)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) > samples

    again = runner.invoke(main, ["reprocess", "--database", str(db)])
    assert again.exit_code == 0 and f"reprocessed {samples} articles" in again.output
    assert len(json.loads(runner.invoke(main, ["export", "--database", str(db)]).output)["features"]) == len(
        collection["features"]
    )


def test_export_filters_and_bad_filters(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    runner.invoke(main, ["ingest", str(EXAMPLES), "--database", str(db)])
    arrivals = json.loads(
        runner.invoke(main, ["export", "--type", "arrival_statistic", "--database", str(db)]).output
    )
    assert arrivals["features"] and {f["properties"]["type"] for f in arrivals["features"]} == {
        "arrival_statistic"
    }
    csv = runner.invoke(
        main, ["export", "--format", "csv", "--datetime", "2017-01-01/2017-12-31", "--database", str(db)]
    )
    assert csv.exit_code == 0 and csv.output.splitlines()[0].startswith(("id,", "type,", "event_id,"))
    bad = runner.invoke(main, ["export", "--bbox", "1,2,3", "--database", str(db)])
    assert bad.exit_code == 1 and "bbox" in bad.output
