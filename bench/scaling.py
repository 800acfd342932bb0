#!/usr/bin/env python3
"""Each pathological pattern of the robustness review, timed at n and 2n: a run of
``notecheck --no-cache --jobs 1`` over one vault holding that pattern. Exits 1 when a
doubling costs more than RATIO times as much (quadratic growth gives about 4).

A script, not a timed test: timings belong to this machine. Usage:
python bench/scaling.py [--only NAME] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RATIO = 3.0
FM = "---\ntitle: t\nvideoId: abcdefghijk\n---\n"
Files = dict[str, str]


def _timeline(n: int) -> Files:
    entries = "".join(
        f"  - date: {1000 + i % 1000}\n    event: event{i}\n    match: [phrase{i}, other{i}]\n" for i in range(n)
    )
    files = {"T.md": f"---\ntimeline:\n{entries}---\nx\n"}
    for j in range(2 * n // 10):
        files[f"s{j}.md"] = "".join(f"In 1990 the [[T]] saw phrase{(j * 10 + k) % n}. " for k in range(10)) + "\n"
    return files


PATTERNS: dict[str, tuple[int, Callable[[int], Files]]] = {
    # H-1: aliases of one long string (refused by size, never expanded)
    "H-1 aliases": (
        2000,
        lambda n: {"a.md": f'---\npad: &a "{"x" * 100_000}"\ntitle: [{", ".join(["*a"] * n)}]\n---\nb\n'},
    ),
    # H-2: many distinct headings and links to them
    "H-2 headings": (
        4000,
        lambda n: {
            "a.md": "".join(f"## H{i}\n\n" for i in range(n)),
            "b.md": " ".join(f"[[a#H{i}]]" for i in range(n)) + "\n",
        },
    ),
    # H-5: one long multi-line paragraph
    "H-5 paragraph": (
        20000,
        lambda n: {"a.md": FM + "".join(f"line {i} [[x{i % 50}]] [00:00:{i % 60:02d}]\n" for i in range(n))},
    ),
    # H-6: many dates in one sentence
    "H-6 May 1": (16000, lambda n: {"a.md": FM + "In 1990 " + "May 1 " * n + "\n"}),
    "H-6 January 1, 1990": (12000, lambda n: {"a.md": FM + "January 1, 1990 " * n + "\n"}),
    "H-6 days later": (20000, lambda n: {"a.md": FM + "In 1990 " + "days later " * n + "\n"}),
    "H-6 five days later": (12000, lambda n: {"a.md": FM + "In 1990 " + "five days later " * n + "\n"}),
    "H-6 years": (48000, lambda n: {"a.md": FM + "".join(f"in {1000 + i % 1000} " for i in range(n)) + "\n"}),
    # H-7: a long timeline, sentences that name its events
    "H-7 timeline": (600, _timeline),
    # H-10: block refs, suppressions, sentences x links, cited numbers, number words
    "H-10 block refs": (
        4000,
        lambda n: {
            "a.md": FM + "".join(f"p ^b{i}\n\n" for i in range(n)) + " ".join(f"[[#^b{i}]]" for i in range(n)) + "\n"
        },
    ),
    "H-10 suppressions": (
        4000,
        lambda n: {
            "a.md": FM + "".join(f"<!-- notecheck-disable-next-line NC101 -->\n![[x{i}.png]]\n\n" for i in range(n))
        },
    ),
    "H-10 sentences x links": (
        4000,
        lambda n: {"a.md": FM + "".join(f"In 1990 [[a{i}]] went. " for i in range(n)) + "\n"},
    ),
    "H-10 cited numbers": (
        2000,
        lambda n: {
            "a.md": FM + "".join(f"Value {1000 + i} is said [00:00:{i % 60:02d}]. " for i in range(n)) + "\n",
            "abcdefghijk.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nthe year 1991 and Moldova\n",
        },
    ),
    "H-10 number words": (
        2000,
        lambda n: {
            "a.md": FM + "The count was 1234567 [00:00:01].\n",
            "abcdefghijk.srt": "1\n00:00:00,000 --> 00:00:09,000\n" + "one " * n + "\n",
        },
    ),
}


def timed(files: Files) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".obsidian").mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "notecheck", "--no-cache", "--jobs", "1", "--select", "ALL", "-q", "."]
        best = float("inf")
        for _ in range(2):  # the better of two: a busy moment is not the pattern's cost
            started = time.perf_counter()
            done = subprocess.run(command, cwd=root, capture_output=True, text=True)
            best = min(best, time.perf_counter() - started)
            if "NC001" in done.stdout or "internal error" in done.stderr:
                raise SystemExit(f"a rule failed: {done.stdout[:500]} {done.stderr[:500]}")
        return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the patterns whose name holds this")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n")
    args = parser.parse_args()
    baseline = timed({"a.md": "# A\n"})
    print(f"start-up (an empty vault): {baseline:.2f} s; times below are net of it\n")
    print("| pattern | n | time at n | time at 2n | ratio |\n| --- | ---: | ---: | ---: | ---: |")
    failed = []
    for name, (n, make) in PATTERNS.items():
        if args.only and args.only not in name:
            continue
        n = max(1, int(n * args.scale))
        one = max(timed(make(n)) - baseline, 0.01)
        two = max(timed(make(2 * n)) - baseline, 0.01)
        ratio = two / one
        print(f"| {name} | {n:,} | {one:.2f} s | {two:.2f} s | {ratio:.2f} |", flush=True)
        if ratio > RATIO:
            failed.append(name)
    if failed:
        print(f"\nmore than {RATIO} times as long at 2n: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
