#!/usr/bin/env python3
"""NC207's cost per note in machine instructions, counted by valgrind: the same on every run.

Seconds on this kind of machine drift by 10-30 % within minutes, more than the changes
one wants to compare. Valgrind's callgrind counts the instructions a process executes,
which do not drift. Phase 1 of the first N video notes runs under it, in a vault with
transcripts and in the same vault without; each count has the count of a run over one
note taken off, so that start-up and imports cancel out. Instructions are not time
(cache misses and mispredicted branches are not in them; NC207's ratio in seconds is
higher), but a change that removes instructions removes work.

Needs valgrind (Debian: apt-get install valgrind). Takes about two minutes.

Usage:
  python bench/nc207_instructions.py [--notes 41] [--work /tmp/notecheck-bench]
"""

from __future__ import annotations

import argparse
import gc
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def phase1(vault: Path, notes: int) -> None:
    """The measured work (run under valgrind): phase 1 of the first ``notes`` video notes."""
    from notecheck.config import Config
    from notecheck.engine.phases import analyze_path
    from notecheck.engine.ruleset import RuleSet
    from notecheck.vault.discovery import walk_vault

    files = sorted(dict(walk_vault(vault)))
    rules = RuleSet.build(Config(), Config().enabled_codes(), vault, files)
    videos = [rel for rel in files if rel.startswith("videos/")]
    analyze_path(vault, videos[0], rules)  # imports and first-call costs, in both counts
    gc.disable()  # as a run does
    for rel in videos[:notes]:
        analyze_path(vault, rel, rules)


def instructions(vault: Path, notes: int) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    command += [sys.executable, __file__, "--phase1", str(vault), str(notes)]
    err = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"Collected : (\d+)", err).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=41)
    parser.add_argument("--work", type=Path, default=Path("/tmp/notecheck-bench"))
    parser.add_argument("--phase1", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase1:
        phase1(Path(args.phase1[0]), int(args.phase1[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    sys.path.insert(0, str(HERE))
    from nc207_cost import vault

    vaults = {"without": vault(args.work, 1000, False), "with": vault(args.work, 1000, True)}
    runs = [(name, path, n) for name, path in vaults.items() for n in (1, args.notes)]
    with ThreadPoolExecutor(2) as pool:  # one valgrind per core
        found = pool.map(lambda run: instructions(run[1], run[2]), runs)
        counts = {(name, n): count for (name, _, n), count in zip(runs, found, strict=True)}
    per_note = {name: (counts[name, args.notes] - counts[name, 1]) / (args.notes - 1) for name in vaults}
    added = per_note["with"] - per_note["without"]
    print(
        f"{args.notes - 1} video notes, phase 1: {per_note['without'] / 1e6:.2f} M instructions a note without "
        f"transcripts, {per_note['with'] / 1e6:.2f} M with: NC207 adds {added / 1e6:.2f} M "
        f"({added / per_note['without']:+.1%})"
    )


if __name__ == "__main__":
    main()
