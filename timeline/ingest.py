"""Reading reports into `Article` values: text files with header lines, HTML pages, JSON records.

A report file may start with `key: value` header lines (`title:`, `source:`, `url:`,
`published:`), then one blank line, then the body; headers are never part of the body that
extraction reads. A file without them takes its first line as the title and keeps the whole text
as the body. HTML goes through trafilatura, which strips navigation and boilerplate and reads the
page's metadata (title, site, publication date). Bad input raises `IngestError` with a message
fit for a user, never a traceback.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from timeline.articles import Article, content_id
from timeline.temporal import infer_published

MAX_BYTES = 5_000_000  # a news report is a few KB; anything this large is not one
TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES
HEADER_KEYS = ("title", "source", "url", "published")
_HEADER = re.compile(r"^(title|source|url|published)\s*:\s*(.*?)\s*$", re.I)
_URL = re.compile(r"https?://\S+")


class IngestError(ValueError):
    """A report that cannot be read; the message says which file and why."""


def read_articles(path: Path, published: date | None = None) -> Iterator[Article]:
    """Every article in one file (JSON files may hold several)."""
    data = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield _from_html(data, path, published)
    elif suffix in JSON_SUFFIXES:
        yield from _from_json(_decode(data, path), path, published)
    elif suffix in TEXT_SUFFIXES or not suffix:
        yield from_text(_decode(data, path), path=str(path), published=published)
    else:
        raise IngestError(f"{path}: unsupported file type {suffix!r} (use {', '.join(SUFFIXES)})")


def read_article(path: Path, published: date | None = None) -> Article:
    """The single article of a file (the first one of a JSON list)."""
    for article in read_articles(path, published):
        return article
    raise IngestError(f"{path}: no report in this file")


def report_files(paths: list[Path]) -> Iterator[Path]:
    """Files named, and the report files inside folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def from_text(raw: str, *, path: str = "", published: date | None = None) -> Article:
    """An article from report text, with or without header lines."""
    raw = _clean(raw)
    headers, body = _split_headers(raw)
    if not body.strip():
        raise IngestError(f"{path or 'report'}: the report has no body text")
    title = headers.get("title") or _first_line(body)
    source, url = _source_and_url(headers)
    return _article(title, body, source, url, headers.get("published"), published, "given", path)


def from_record(record: Mapping, *, path: str = "", published: date | None = None) -> Article:
    """An article from a JSON record: title, text (or body), source, url, published."""
    if not isinstance(record, Mapping):
        raise IngestError(f"{path}: a JSON report must be an object with a 'text' field")
    body = record.get("text") or record.get("body") or ""
    if not isinstance(body, str) or not body.strip():
        raise IngestError(f"{path}: a JSON report needs a non-empty 'text' string")
    body = _clean(body)
    title = str(record.get("title") or _first_line(body))
    pub = record.get("published")
    return _article(
        title,
        body,
        str(record.get("source") or ""),
        str(record.get("url") or ""),
        str(pub) if pub else None,
        published,
        "given",
        path,
    )


def _article(
    title: str,
    body: str,
    source: str,
    url: str,
    header_date: str | None,
    flag_date: date | None,
    header_source: str,
    path: str,
) -> Article:
    published, how = _publication(header_date, flag_date, header_source, body, path)
    return Article(
        id=content_id(title, body),
        title=title.strip(),
        text=body,
        source=source,
        url=url,
        published=published,
        published_source=how,
        path=path,
    )


def _publication(
    header_date: str | None, flag_date: date | None, header_source: str, body: str, path: str
) -> tuple[date | None, str]:
    """The publication date and where it came from: the flag, the header or metadata, the text."""
    if flag_date:
        return flag_date, "given"
    if header_date and header_date.strip().lower() not in ("unknown", "none", "n/a", ""):
        try:
            return date.fromisoformat(header_date.strip()[:10]), header_source
        except ValueError:
            raise IngestError(
                f"{path}: published date {header_date!r} is not YYYY-MM-DD or 'unknown'"
            ) from None
    if header_date is not None:
        return None, "unknown"
    inferred = infer_published(body)
    return (inferred, "inferred") if inferred else (None, "unknown")


def _split_headers(raw: str) -> tuple[dict[str, str], str]:
    lines = raw.split("\n")
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines) and (m := _HEADER.match(lines[index])):
        headers[m.group(1).lower()] = m.group(2)
        index += 1
    if not headers:
        return {}, raw.strip("\n")
    if index < len(lines) and lines[index].strip() == "":
        index += 1
    return headers, "\n".join(lines[index:]).strip("\n")


def _source_and_url(headers: Mapping[str, str]) -> tuple[str, str]:
    """`source: Outlet, https://…` gives both; an explicit `url:` header wins."""
    source = headers.get("source", "")
    found = _URL.search(source)
    url = headers.get("url") or (found.group() if found else "")
    if found:
        source = source[: found.start()].rstrip(" ,;–-")
    return source.strip(), url.strip()


def _first_line(body: str) -> str:
    return next((line.strip() for line in body.split("\n") if line.strip()), "")[:300]


def _from_html(data: bytes, path: Path, published: date | None) -> Article:
    import trafilatura  # heavy: only for HTML

    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise IngestError(f"{path}: no article text found in this HTML page")
    body = _clean(doc.text)
    title = (doc.title or _first_line(body)).strip()
    if body.startswith(title):
        body = body[len(title) :].lstrip("\n") or body
    return _article(
        title, body, doc.sitename or "", doc.url or "", doc.date, published, "metadata", str(path)
    )


def _from_json(raw: str, path: Path, published: date | None) -> Iterator[Article]:
    try:
        if path.suffix.lower() == ".jsonl":
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        else:
            loaded = json.loads(raw)
            records = loaded if isinstance(loaded, list) else [loaded]
    except json.JSONDecodeError as error:
        raise IngestError(f"{path}: not valid JSON ({error.msg} at line {error.lineno})") from None
    for record in records:
        yield from_record(record, path=str(path), published=published)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(f"{path}: {size:,} bytes is too large for a report (limit {MAX_BYTES:,})")
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: is a folder") from None
    except OSError as error:
        raise IngestError(f"{path}: cannot be read ({error.strerror})") from None


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a byte-order mark) or BOM-marked UTF-16; anything else is refused
    rather than guessed, since a wrong guess would silently corrupt names and quotes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise IngestError(f"{path}: looks like a binary file, not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IngestError(
            f"{path}: not UTF-8 text; convert it (e.g. iconv -f cp1252 -t utf-8) and try again"
        ) from None


def _clean(text: str) -> str:
    """Normalise line ends and Unicode form, drop control characters; keep everything else as written."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
