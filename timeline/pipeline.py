"""The extraction chain of one article: sentences, time expressions and places, then events.

`extract` is what `eventatlas extract` prints and what the store records; `EXTRACTOR_VERSION`
changes whenever the rules or the lexicon change, so stored events can be re-derived
(`eventatlas reprocess`) without re-ingesting anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import geodata
from geodata.gazetteer import Gazetteer, default_gazetteer
from geodata.match import PlaceMention, match
from geodata.resolve import locate
from timeline.articles import Article
from timeline.events import Event, extract_events
from timeline.lexicon import load_lexicon
from timeline.sentences import split_sentences
from timeline.temporal import tag_article

_CODE_VERSION = "6.0"  # bump when a rule of the extraction chain changes (timeline or geodata code)
# Kinds of place that the extract JSON gives coordinates for (towns, and a county by its seat).
POINT_KINDS = frozenset({"city", "town", "village", "county"})
# The data the rules read: the event lexicon, the temporal grammar and the gazetteer. A change to any
# of them changes what is extracted, so it changes the version too.
DATA_FILES = (
    *sorted((Path(__file__).parent / "data").glob("*.toml")),
    *sorted((Path(geodata.__file__).parent / "data").glob("*.json")),
)


def extractor_version(code_version: str = _CODE_VERSION, files: tuple[Path, ...] = DATA_FILES) -> str:
    """The code version plus a hash of every data file (read once, at import)."""
    digest = hashlib.sha256(code_version.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{code_version}+{digest.hexdigest()[:10]}"


EXTRACTOR_VERSION: str = extractor_version()


@dataclass(frozen=True)
class Extraction:
    """What one article says: the places it names and the events it states."""

    article: Article
    places: list[PlaceMention]
    events: list[Event]

    def to_json(self) -> dict:
        """The `eventatlas extract --json` contract of DESIGN.md."""
        return {
            "article": self.article.to_json() | {"extractor": EXTRACTOR_VERSION},
            "places": _places_json(self.places),
            "events": [event_json(e) for e in self.events],
        }


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Run the chain over one article."""
    gaz = gazetteer or default_gazetteer()
    text = article.text
    sentences = split_sentences(text)
    times = tag_article(text, article.published, reference_inferred=article.published_source == "inferred")
    mentions = match(text, gaz)
    events = extract_events(
        article,
        sentences,
        times,
        mentions,
        lexicon=load_lexicon(),
        locate=lambda found: locate(found, gaz),
    )
    return Extraction(article, [m for m in mentions if not m.modifier], events)


def event_json(event: Event) -> dict:
    iv = event.interval
    return {
        "type": event.type,
        "quote": event.quote,
        "start": iv.start.isoformat() if iv.start else None,
        "end": iv.end.isoformat() if iv.end else None,
        "precision": iv.precision,
        "from_month": iv.from_month,
        "to_month": iv.to_month,
        "time_text": iv.text or None,
        "places": [p.name for p in event.places],
        "count": event.count,
        "count_min": event.count_min,
        "count_max": event.count_max,
        "count_qualifier": event.count_qualifier,
        "count_text": event.count_text,
        "amount": event.amount,
        "lat": event.lat,
        "lon": event.lon,
        "geoprecision": event.geoprecision,
        "rule": event.rule,
        "span": list(event.span),
    }


def _places_json(mentions: list[PlaceMention]) -> list[dict]:
    """One entry per canonical place, with its first mention as written."""
    out: dict[str, dict] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        place = m.place
        if place.id in out:
            continue
        point = place.point if place.kind in POINT_KINDS else None
        out[place.id] = {
            "mention": m.text,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "lat": round(point.y, 4) if point else None,
            "lon": round(point.x, 4) if point else None,
            "id": place.id,
        }
    return list(out.values())
