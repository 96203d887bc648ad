from pathlib import Path

import pytest

from timeline.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police came. They left.", ["Police came.", "They left."]),
        (
            "Mr. Kim fled at 3 a.m. on Monday. He was caught.",
            ["Mr. Kim fled at 3 a.m. on Monday.", "He was caught."],
        ),
        ("They left at 3 a.m. Police arrived later.", ["They left at 3 a.m.", "Police arrived later."]),
        ("The U.S. embassy said so. Seoul agreed.", ["The U.S. embassy said so.", "Seoul agreed."]),
        ("Kim J. Lee spoke. Then he left.", ["Kim J. Lee spoke.", "Then he left."]),
        ("“They were caught. It was cold,” he said.", ["“They were caught.", "It was cold,” he said."]),
        ("Were they sent back? Nobody knows!", ["Were they sent back?", "Nobody knows!"]),
        ("Arrests rose sharply\nPolice said so.", ["Arrests rose sharply", "Police said so."]),
        ("Crossings fell in 2017. 2018 was worse.", ["Crossings fell in 2017.", "2018 was worse."]),
        (
            "It rose 1.5 percent. Fines were 10,000.5 yuan.",
            ["It rose 1.5 percent.", "Fines were 10,000.5 yuan."],
        ),
        ("Detained in Sept. 2017 in Yanji.", ["Detained in Sept. 2017 in Yanji."]),
        ("", []),
        ("  \n\n ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_spans_are_exact_and_paragraphs_count_lines() -> None:
    text = "Headline here\n\nFirst one. Second one.\nThird."
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [s.text for s in sentences]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not beside the repository")
def test_seed_sentences_are_exact_substrings() -> None:
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text)
        assert len(sentences) > 10
        for s in sentences:
            assert text[s.start : s.end] == s.text
            assert s.text == s.text.strip()
