#!/usr/bin/env python3
"""What a keystroke costs in the language server: the time from a changed buffer to its
diagnostics, in a generated vault, against a one-note CLI run (``notecheck - --stdin-filename``,
what an editor without the server would spawn).

Usage: python bench/server_latency.py [--notes 10000] [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

from notecheck.server.session import VaultSession


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, args.notes, seed=1)
        notes = sorted(path for path in root.rglob("*.md") if "videos" in path.parts)
        rel = notes[len(notes) // 2].relative_to(root).as_posix()
        text = (root / rel).read_text("utf-8")
        started = time.perf_counter()
        session = VaultSession(root)
        index = time.perf_counter() - started
        started = time.perf_counter()
        session.check(rel, text)
        first = time.perf_counter() - started
        times = []
        for round_ in range(args.rounds):
            changed = text + f"\nA new line {round_} with [[a link {round_}]] [00:00:{round_ % 60:02d}].\n"
            started = time.perf_counter()
            session.check(rel, changed)
            times.append(time.perf_counter() - started)
        cli = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "notecheck", "-", "--stdin-filename", rel, "--no-cache"],
                input=text.encode(),
                cwd=root,
                capture_output=True,
            )
            cli.append(time.perf_counter() - started)
    print(f"{args.notes:,} notes: index {index * 1000:.0f} ms, first check {first * 1000:.0f} ms")
    print(
        f"a change: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
        f"over {args.rounds} changes; a one-note CLI run (no cache) {statistics.median(cli) * 1000:.0f} ms "
        f"({statistics.median(cli) / statistics.median(times):.0f} times as long)"
    )


if __name__ == "__main__":
    main()
