#!/usr/bin/env python3
"""Does NC101's "did you mean" scale? Cold one-job runs (no cache) over vaults of 1,000,
10,000 and 50,000 small notes in which 30 % of links point to notes that do not exist,
half of them near-misses of existing names; prints seconds and milliseconds a note.
The cost a note should stay flat (within 20 %) as the vault grows.

Usage: python bench/suggest_scaling.py [--sizes 1000 10000 50000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINKS_A_NOTE = 20
MISSING = 0.3


def write_vault(root: Path, notes: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (root / ".obsidian").mkdir(parents=True)
    names = [f"topic {index} of the region" for index in range(notes)]
    for name in names:
        links = []
        for _ in range(LINKS_A_NOTE):
            other = rng.choice(names)
            if rng.random() < MISSING:  # a missing note: a near-miss of a name, or a new name
                other = other.replace("region", "regoin") if rng.random() < 0.5 else f"invented {rng.randrange(10**6)}"
            links.append(f"[[{other.replace(' ', '_')}|{other}]]")
        (root / f"{name}.md").write_text(f"# {name}\n\nSee " + ", ".join(links) + ".\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    print("| notes | seconds | ms a note | ratio to the smallest |")
    print("| --- | --- | --- | --- |")
    first = None
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temp:
            root = Path(temp) / "vault"
            write_vault(root, size)
            command = [sys.executable, "-m", "notecheck", "--no-cache", "--jobs", "1", "--select", "NC101", "-q", "."]
            started = time.perf_counter()
            subprocess.run(command, cwd=root, stdout=subprocess.DEVNULL, check=False)
            seconds = time.perf_counter() - started
        per_note = seconds / size * 1000
        first = first or per_note
        print(f"| {size:,} | {seconds:.1f} | {per_note:.2f} | {per_note / first:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
