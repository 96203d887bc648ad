"""Events: what happened, to how many people, when and where, with the quote that proves it."""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.places import Place

from timeline.intervals import NO_TIME, Interval

EVENT_TYPES = (
    "arrest",
    "crossing_attempt",
    "repatriation",
    "crackdown",
    "fine",
    "arrival_statistic",
    "trafficking",
    "execution_or_punishment",
)


@dataclass
class Event:
    """One happening stated in one article.

    `span` is the character span of `quote` in the article body; `rule` names the lexicon rule
    that fired, so a reader can see why it was extracted.
    """

    type: str
    quote: str
    span: tuple[int, int]
    article_id: str = ""
    interval: Interval = NO_TIME
    places: list[Place] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    geoprecision: int | None = None
    count: int | None = None
    count_min: int | None = None
    count_max: int | None = None
    count_qualifier: str | None = None
    count_text: str | None = None
    amount: str | None = None
    rule: str = ""
