"""The whole extraction chain: the JSON contract, sample reports of our own, and the seeds through
the shared scorer."""

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import read_article
from timeline.pipeline import DATA_FILES, EXTRACTOR_VERSION, extract, extractor_version

REPORTS = Path(__file__).parent / "data" / "reports"
SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENT_KEYS = {
    "type",
    "quote",
    "start",
    "end",
    "precision",
    "from_month",
    "to_month",
    "time_text",
    "places",
    "count",
    "count_min",
    "count_max",
    "count_qualifier",
    "count_text",
    "amount",
    "lat",
    "lon",
    "geoprecision",
    "rule",
    "span",
}
PLACE_KEYS = {"mention", "name", "kind", "country", "lat", "lon", "id"}
FIELDS = (
    "start",
    "end",
    "precision",
    "from_month",
    "to_month",
    "count",
    "count_min",
    "count_max",
    "count_qualifier",
    "amount",
)


def _report_json(path: Path) -> dict:
    return extract(read_article(path)).to_json()


def _matching(expected: dict, predicted: list[dict]) -> dict | None:
    for e in predicted:
        if e["type"] == expected["type"] and (
            expected["quote"] in e["quote"] or e["quote"] in expected["quote"]
        ):
            return e
    return None


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_report(path: Path) -> None:
    """Every expected event is found with its date, count and places; nothing else is."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    predicted = _report_json(path)["events"]
    for want in expected["events"]:
        got = _matching(want, predicted)
        assert got is not None, (
            f"missing {want['type']}: {want['quote']!r} in {[e['quote'] for e in predicted]}"
        )
        for key in FIELDS:
            if key in want:
                assert got[key] == want[key], f"{key} of {want['quote']!r}"
        if "places" in want:
            assert set(got["places"]) == set(want["places"]), want["quote"]
        if "places_include" in want:
            assert set(want["places_include"]) <= set(got["places"]), want["quote"]
    assert len(predicted) == len(expected["events"]), [e["quote"] for e in predicted]
    for phrase in expected["not_events"]:
        assert not [e for e in predicted if phrase in e["quote"]], phrase


def test_the_json_contract() -> None:
    data = _report_json(REPORTS / "shenyang-family-detained.txt")
    assert set(data) == {"article", "places", "events"}
    assert data["article"]["published"] == "2019-05-03" and data["article"]["extractor"] == EXTRACTOR_VERSION
    assert data["events"] and all(set(e) == EVENT_KEYS for e in data["events"])
    assert data["places"] and all(set(p) == PLACE_KEYS for p in data["places"])
    names = [p["name"] for p in data["places"]]
    assert len(names) == len(set(names)), "one entry per canonical place"
    shenyang = next(p for p in data["places"] if p["name"] == "Shenyang")
    assert shenyang["lat"] == pytest.approx(41.8, abs=0.2) and shenyang["kind"] == "city"
    json.dumps(data)  # serialisable as is


def test_header_lines_are_never_quoted() -> None:
    data = _report_json(REPORTS / "mass-repatriation-2023.txt")
    assert not [e for e in data["events"] if "title:" in e["quote"] or "source:" in e["quote"]]


def test_extractor_version_names_the_lexicon() -> None:
    assert re.fullmatch(r"\d+\.\d+\+[0-9a-f]{10}", EXTRACTOR_VERSION)


def test_extractor_version_follows_every_data_file(tmp_path: Path) -> None:
    """A change to the lexicon, the temporal grammar or the gazetteer re-derives stored events."""
    names = {p.name for p in DATA_FILES}
    assert {"lexicon.toml", "temporal.toml", "places.json"} <= names
    files = []
    for name in ("lexicon.toml", "temporal.toml", "places.json"):
        (tmp_path / name).write_text("one", encoding="utf-8")
        files.append(tmp_path / name)
    before = extractor_version("6.0", tuple(files))
    assert extractor_version("6.0", tuple(files)) == before
    for path in files:
        path.write_text("two", encoding="utf-8")
        assert extractor_version("6.0", tuple(files)) != before, path.name
        path.write_text("one", encoding="utf-8")
    assert extractor_version("6.1", tuple(files)) != before


# --- the seeds through ../shared/eval/score.py ------------------------------------------------
# Runs the real scorer over JSON written from extract(); needs the shared folder beside the repo.


def _scores(tmp_path: Path, gold_dir: Path, articles: Path) -> tuple[dict[str, float], str]:
    """Extract every article of a gold set into JSON files and score them with the shared scorer."""
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        published = date.fromisoformat(gold["published"]) if gold["published"] else None
        article = read_article(articles / gold["article"], published)
        out = tmp_path / (Path(gold["article"]).stem + ".json")
        out.write_text(json.dumps(extract(article).to_json(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(gold_dir),
            "--articles",
            str(articles),
            "--pred",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("score:"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}, line


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval not beside the repo")
def test_seeds_through_the_scorer(tmp_path: Path) -> None:
    scores, line = _scores(tmp_path, SHARED / "eval" / "gold", SHARED / "seeds")
    for metric in ("events_f1", "counts", "event_places", "dates"):
        assert scores[metric] >= 0.95, line


# The held-out dev set (tests/data/dev, 29 reports written apart from the rules): floors 0.03 under
# the combined scores when the rules were last changed (events_f1 0.957, dates 0.941, event_places
# 0.950, counts 0.957, with the untuned reports 401-404 included), so that a regression shows.
DEV_FLOORS = {"events_f1": 0.92, "dates": 0.91, "event_places": 0.92, "counts": 0.92}


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="shared/eval not beside the repo")
def test_dev_set_through_the_scorer(tmp_path: Path) -> None:
    dev = Path(__file__).parent / "data" / "dev"
    scores, line = _scores(tmp_path, dev / "gold", dev / "reports")
    for metric, floor in DEV_FLOORS.items():
        assert scores[metric] >= floor, line
