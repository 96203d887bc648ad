"""The time value of an event: an inclusive date interval with the precision it was stated at.

An `Interval` is what a time expression means, not how it was written: "last January" in a
report of 8 January 2018 is 2017-01-01/2017-01-31 at `month` precision. Habitual windows
("every winter", "from December until the Lunar New Year") carry no year: they are `recurring`
with `from_month`/`to_month` and match every year they overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

PRECISIONS = ("day", "week", "month", "season", "year", "range", "recurring", "none")


@dataclass(frozen=True)
class Interval:
    """Dates are inclusive; `None` is an open or unknown end."""

    start: date | None = None
    end: date | None = None
    precision: str = "none"
    text: str = ""
    from_month: int | None = None
    to_month: int | None = None

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"interval starts after it ends: {self.start} > {self.end}")

    @property
    def is_dated(self) -> bool:
        return self.precision not in ("none", "recurring")

    def with_text(self, text: str) -> Interval:
        return replace(self, text=text)

    def months(self) -> frozenset[int]:
        """Calendar months a recurring window covers: 12→2 is {12, 1, 2}; an open end (10→None)
        runs from its first month to December."""
        if self.from_month is None:
            return frozenset(range(1, 13))
        to = self.to_month if self.to_month is not None else 12
        if self.from_month <= to:
            return frozenset(range(self.from_month, to + 1))
        return frozenset(list(range(self.from_month, 13)) + list(range(1, to + 1)))

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Does this interval overlap the filter [start, end] (either end open)?

        A recurring window overlaps when any of its months falls in the filter in any year; an
        undated interval matches no time filter at all.
        """
        if start is None and end is None:
            return True
        if self.precision == "recurring":
            return _recurring_overlaps(self.months(), start, end)
        if self.start is None and self.end is None:
            return False
        s = self.start or date.min
        e = self.end or date.max
        return (end is None or s <= end) and (start is None or e >= start)

    def to_json(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "from_month": self.from_month,
            "to_month": self.to_month,
            "time_text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict) -> Interval:
        return cls(
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
            end=date.fromisoformat(data["end"]) if data.get("end") else None,
            precision=data.get("precision") or "none",
            text=data.get("time_text") or data.get("text") or "",
            from_month=data.get("from_month"),
            to_month=data.get("to_month"),
        )


NO_TIME = Interval()


def _recurring_overlaps(months: frozenset[int], start: date | None, end: date | None) -> bool:
    if start is None or end is None or (end - start).days >= 365:
        return True
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        if m in months:
            return True
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return False
