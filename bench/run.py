"""Run every benchmark of bench/ and keep their figures in bench/results/.

Each `bench_<name>.py` times the project's code against a baseline measured in the same run, so
the ratios hold on a noisy machine; this runner only collects what they print.
`python bench/run.py --quick` runs the small versions.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    report = [f"# Event Atlas benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, args {argv or 'full'}"]
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        done = subprocess.run([sys.executable, str(script), *argv], capture_output=True, text=True)
        print(done.stdout, end="")
        if done.returncode:
            failed += 1
            print(done.stderr, file=sys.stderr)
        report += [f"\n## {script.name} (exit {done.returncode})", done.stdout.rstrip()]
    (results / "latest.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"figures written to {results / 'latest.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
