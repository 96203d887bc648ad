"""The article value: one news report as stored, identified by a hash of its content."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

PUBLISHED_SOURCES = ("given", "metadata", "inferred", "unknown")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: date | None = None
    published_source: str = "unknown"
    path: str = ""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "path": self.path,
        }


def content_id(title: str, text: str) -> str:
    """Stable id from what the report says, so the same report ingested twice is stored once."""
    digest = hashlib.sha256(f"{title.strip()}\n\n{text.strip()}".encode()).hexdigest()
    return digest[:16]
