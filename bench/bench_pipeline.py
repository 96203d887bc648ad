"""Whole-pipeline throughput (reports per second) and peak memory of `timeline.pipeline.extract`.

The corpus is generated from templates (deterministic, seeded): reports of 4-9 paragraphs mixing
arrests, crossings, repatriations, crackdowns, fines, yearly figures, trends, speculation,
quotes and background. The baseline, measured in the same run on the same reports, is the naive
approach: `dateparser.search_dates` on every sentence plus a substring pass for trigger words and
place names. Target: at least 100 reports per second on one core.

    python bench/bench_pipeline.py            # 1,000 reports
    python bench/bench_pipeline.py --quick    # 200 reports
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import time
import tracemalloc
import warnings
from datetime import date, timedelta

from geodata.gazetteer import default_gazetteer
from timeline.articles import Article, content_id
from timeline.pipeline import extract

PLACES_KP = [
    "Hyesan",
    "Musan",
    "Hoeryong",
    "Onsong",
    "Sinuiju",
    "Manpo",
    "Ryanggang Province",
    "Jagang Province",
]
PLACES_CN = [
    "Yanji",
    "Tumen",
    "Hunchun",
    "Dandong",
    "Changbai",
    "Shenyang",
    "Jilin Province",
    "Liaoning Province",
]
RIVERS = ["Tumen River", "Yalu River", "Amnok River", "Tuman River"]
NUMBERS = [
    "two",
    "three",
    "five",
    "seven",
    "ten",
    "12",
    "15",
    "20",
    "some 35",
    "more than 50",
    "30-40",
    "eight",
]
PEOPLE = ["people", "defectors", "North Koreans", "women", "residents", "traders"]
WHEN = [
    "on Monday",
    "last week",
    "on January 3",
    "in early March",
    "last month",
    "on New Year's Eve",
    "in late February",
    "this month",
    "on Friday",
    "",
]
SENTENCES = [
    "{n} {who} were arrested near {kp} {when}, a source in {prov} said.",
    "Chinese police detained {n} {who} in {cn} {when}.",
    "They had tried to cross the {river} {when}.",
    "{n} {who} were repatriated from {cn} {when}, according to a rights group.",
    "Border guards stepped up patrols along the {river} {when}.",
    "Police searches of homes in {kp} are reportedly on the rise.",
    "Anyone caught helping defectors is fined between 10,000 and 50,000 yuan.",
    "A broker from {kp} was publicly punished {when}.",
    "Arrests of defectors are on the rise, residents say.",
    "They will likely be sent back to North Korea if they are caught.",
    "Police regularly check trains heading to {cn}.",
    "The family was arrested while trying to cross the {river}.",
    "“Security has been tightened since the new year,” a resident of {kp} told our reporter.",
    "The ministry said {a} North Koreans arrived in South Korea in {y}, down from {b} in {y0}.",
    "Markets in {kp} were quiet {when}, traders said.",
    "Women sold by brokers to farmers in {cn} are often arrested.",
]
HEADLINES = [
    "Arrests rise along the {river}",
    "Crackdown in {kp} as holiday nears",
    "Families caught near {cn}",
]


def corpus(n: int, seed: int = 5) -> list[Article]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    out = []
    for i in range(n):
        published = start + timedelta(days=rng.randrange(3000))
        paragraphs = [rng.choice(HEADLINES)]
        for _ in range(rng.randint(4, 9)):
            paragraphs.append(" ".join(_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(1, 3))))
        text = "\n".join(_fill(p, rng) for p in paragraphs)
        title = f"Report {i}"
        out.append(
            Article(content_id(title, text), title, text, published=published, published_source="given")
        )
    return out


def _fill(template: str, rng: random.Random) -> str:
    prov = rng.choice(["Ryanggang Province", "North Hamgyong Province", "Jilin Province"])
    y = rng.randint(2011, 2022)
    return re.sub(
        r"\s+([,.])",
        r"\1",
        template.format(
            n=rng.choice(NUMBERS).capitalize() if template.startswith("{n}") else rng.choice(NUMBERS),
            who=rng.choice(PEOPLE),
            kp=rng.choice(PLACES_KP),
            cn=rng.choice(PLACES_CN),
            river=rng.choice(RIVERS),
            when=rng.choice(WHEN),
            prov=prov,
            a=rng.randint(60, 3000),
            b=rng.randint(60, 3000),
            y=y,
            y0=y - 1,
        ),
    ).replace("  ", " ")


def naive(article: Article, words: list[str], names: list[str]) -> int:
    """The baseline: dateparser on every sentence, then substring tests for triggers and places."""
    from dateparser.search import search_dates

    found = 0
    for sentence in re.split(r"(?<=[.!?])\s+|\n", article.text):
        dates = (
            search_dates(sentence, languages=["en"], settings={"RELATIVE_BASE": _midnight(article.published)})
            or []
        )
        lower = sentence.lower()
        if any(w in lower for w in words):
            found += 1 + len(dates) + sum(n in sentence for n in names)
    return found


def _midnight(d: date | None):
    from datetime import datetime

    return datetime(d.year, d.month, d.day) if d else None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="200 reports, a 50-report baseline")
    parser.add_argument("--reports", type=int, default=None)
    args = parser.parse_args()
    n = args.reports or (200 if args.quick else 1000)
    baseline_n = 50 if args.quick else 200
    articles = corpus(n)
    tracemalloc.start()
    gaz = default_gazetteer()
    extract(articles[0], gaz)  # load the gazetteer, lexicon and grammars once, outside the timing
    _, load_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # CPU time of this process: the machine is shared, and the target is for one core.
    t0, w0 = time.process_time(), time.perf_counter()
    events = sum(len(extract(a, gaz).events) for a in articles)
    ours, wall = time.process_time() - t0, time.perf_counter() - w0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tracemalloc.start()
    for a in articles[: min(200, n)]:
        extract(a, gaz)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    words = [
        "arrest",
        "caught",
        "detain",
        "cross",
        "fled",
        "repatriat",
        "sent back",
        "crackdown",
        "fined",
        "sold",
    ]
    names = PLACES_KP + PLACES_CN + RIVERS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        naive(articles[0], words, names)
        t0 = time.process_time()
        for a in articles[:baseline_n]:
            naive(a, words, names)
        base = time.process_time() - t0

    sentences = sum(a.text.count(".") for a in articles)
    megabytes = sum(len(a.text) for a in articles) / 1e6
    print(f"corpus: {n} generated reports, ~{sentences} sentences, {megabytes:.2f} MB")
    print(
        f"pipeline: {n / ours:,.0f} reports/s of CPU time ({ours:.2f} s CPU, {wall:.2f} s wall, {events} events)"
    )
    print(
        f"baseline (dateparser.search_dates per sentence + substrings, {baseline_n} reports): "
        f"{baseline_n / base:,.1f} reports/s"
    )
    print(f"ratio: {(n / ours) / (baseline_n / base):.1f}x the baseline")
    print(
        f"peak traced memory: loading gazetteer + lexicon {load_peak / 1e6:.1f} MB, then extract over "
        f"{min(200, n)} reports {peak / 1e6:.2f} MB; process max RSS {rss:.0f} MB"
    )
    print(f"target >= 100 reports/s: {'met' if n / ours >= 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
