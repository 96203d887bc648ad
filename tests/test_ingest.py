import json
from datetime import date
from pathlib import Path

import pytest

from timeline.ingest import IngestError, from_text, read_article, read_articles, report_files

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

HEADED = """title: Guards tighten watch on the river
source: Border Monitor, https://example.org/2016/07/river.html
published: 2016-07-04

Guards caught three people near Hyesan on Friday.
They had tried to cross the Yalu River."""


def test_headers_are_read_and_never_part_of_the_body() -> None:
    article = from_text(HEADED)
    assert article.title == "Guards tighten watch on the river"
    assert article.source == "Border Monitor"
    assert article.url == "https://example.org/2016/07/river.html"
    assert article.published == date(2016, 7, 4)
    assert article.published_source == "given"
    assert article.text.startswith("Guards caught three people")
    assert "title:" not in article.text and "published:" not in article.text


def test_url_header_wins_and_unknown_date_stays_unknown() -> None:
    article = from_text(
        "title: T\nsource: Outlet\nurl: https://example.org/a\npublished: unknown\n\nBody text here."
    )
    assert (article.source, article.url) == ("Outlet", "https://example.org/a")
    assert article.published is None and article.published_source == "unknown"


def test_flag_date_overrides_header() -> None:
    article = from_text(HEADED, published=date(2016, 7, 5))
    assert article.published == date(2016, 7, 5) and article.published_source == "given"


def test_file_without_headers_takes_first_line_as_title_and_keeps_whole_body() -> None:
    text = "Arrests rise at the border\n\nPolice detained ten people near Yanji."
    article = from_text(text)
    assert article.title == "Arrests rise at the border"
    assert article.text == text
    assert article.published_source in ("unknown", "inferred")


def test_same_report_same_id_and_different_report_different_id() -> None:
    assert from_text(HEADED).id == from_text(HEADED + "\n").id
    assert from_text(HEADED).id != from_text(HEADED.replace("three", "four")).id


def test_bad_published_header_is_a_clear_error() -> None:
    with pytest.raises(IngestError, match="not YYYY-MM-DD"):
        from_text("title: T\npublished: 31/02/2016\n\nBody.")


def test_empty_body_is_an_error() -> None:
    with pytest.raises(IngestError, match="no body"):
        from_text("title: T\npublished: 2016-01-01\n\n   \n")


def test_html_main_text_and_metadata() -> None:
    article = read_article(DATA / "page.html")
    assert article.title == "Guards detain family at the Tumen"
    assert article.source == "Border Monitor"
    assert article.published == date(2019, 3, 4)
    assert article.published_source == "metadata"
    assert "detained a family of four near Musan" in article.text
    for boilerplate in ("About us", "Subscribe", "alert("):
        assert boilerplate not in article.text


def test_json_list_and_jsonl(tmp_path: Path) -> None:
    records = [
        {"title": "One", "text": "Police detained five people in Yanji.", "published": "2017-02-01"},
        {"title": "Two", "body": "Guards caught two women near Musan.", "source": "Outlet"},
    ]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    for name in ("a.json", "b.jsonl"):
        articles = list(read_articles(tmp_path / name))
        assert [a.title for a in articles] == ["One", "Two"]
        assert articles[0].published == date(2017, 2, 1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", b"{not json", "not valid JSON"),
        ("list.json", b"[1, 2]", "must be an object"),
        ("latin.txt", "title: Caf\u00e9\n\nBody".encode("cp1252"), "not UTF-8"),
        ("bin.txt", b"\x00\x01\x02binary", "binary"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        list(read_articles(path))


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5_000_001)
    with pytest.raises(IngestError, match="too large"):
        read_article(path)


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(
        "\ufefftitle: 혜산 report\r\npublished: 2018-01-08\r\n\r\nPolice in 惠山 acted.\r\n".encode()
    )
    article = read_article(path)
    assert article.title == "혜산 report" and article.text == "Police in 惠山 acted."


def test_report_files_walks_folders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>A</p>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in report_files([tmp_path])] == ["a.html", "b.txt"]


def test_every_sample_report_has_title_source_and_date_header() -> None:
    files = list(report_files([EXAMPLES]))
    assert len(files) >= 4
    for path in files:
        article = read_article(path)
        assert article.title and article.source and article.url.startswith("https://")
        assert article.published_source in ("given", "unknown")
