"""Place matching throughput: geodata.match against a one-regex-per-alias baseline and geotext.

    python bench/bench_match.py [--quick]

The text is the seed reports (read from ../shared/seeds), repeated to the size wanted. Prints MB of
text per second for each, measured in this run, and the ratios. The one-regex-per-alias baseline
compiles one case-insensitive word-bounded pattern per alias of the gazetteer (compilation is not
timed); it is so slow that it runs on a smaller slice, which MB/s makes comparable.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata.gazetteer import default_gazetteer  # noqa: E402
from geodata.match import match  # noqa: E402

SHARED = ROOT.parent / "shared"


def corpus(size: int) -> str:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds) or "Police in Hyesan arrested two."
    return (text * (size // len(text) + 1))[:size]


def rate(fn, text: str, repeat: int) -> tuple[float, int]:
    """MB/s of the best of `repeat` runs, and how many places it found."""
    best, found = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = fn(text)
        best = min(best, time.perf_counter() - t0)
    return len(text.encode("utf-8")) / 1e6 / best, found


def per_alias_baseline(gazetteer, limit: int | None):
    aliases = sorted({a for p in gazetteer.places() for a in (p.name, *p.aliases)})[:limit]
    patterns = [re.compile(rf"(?<!\w){re.escape(a)}(?!\w)", re.IGNORECASE) for a in aliases]

    def run(text: str) -> int:
        return sum(1 for pat in patterns for _ in pat.finditer(text))

    return run, len(patterns)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small text, one run each")
    args = ap.parse_args()
    size, small, repeat = (200_000, 10_000, 1) if args.quick else (2_000_000, 50_000, 3)
    gaz = default_gazetteer()
    text = corpus(size)
    match(text[:1000], gaz)  # compile the border pattern once, outside the timing

    ours, n_ours = rate(lambda t: len(match(t, gaz)), text, repeat)
    baseline, n_patterns = per_alias_baseline(gaz, None)
    regex, n_regex = rate(baseline, corpus(small), 1)
    print(f"text: {len(text) / 1e6:.2f} MB (baseline on {small / 1e6:.2f} MB), {len(gaz.places())} places")
    print(f"geodata.match           {ours:10.3f} MB/s   ({n_ours} mentions)")
    print(
        f"one regex per alias     {regex:10.3f} MB/s   ({n_patterns} patterns, {n_regex} hits on its slice)"
    )
    try:
        from geotext import GeoText

        def geotext_run(t: str) -> int:
            found = GeoText(t)
            return len(found.cities) + len(found.countries)

        geo, n_geo = rate(geotext_run, text, repeat)
        print(f"geotext                 {geo:10.3f} MB/s   ({n_geo} cities+countries)")
    except ImportError:
        geo = None
        print("geotext                 not installed")
    print(f"ratio match / per-alias regex: {ours / regex:.1f}x")
    if geo:
        print(f"ratio match / geotext:         {ours / geo:.2f}x")


if __name__ == "__main__":
    main()
