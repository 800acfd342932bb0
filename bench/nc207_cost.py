#!/usr/bin/env python3
"""NC207's cost per note, measured so that the machine's drift weighs on both sides alike.

Whole runs with and without transcripts (run.py's pairs) differ by 10-30 % from run to
run on this kind of machine, as much as the cost itself. Here phase 1 (where NC207 works)
checks the same notes of two vaults, one with a transcript per video and one without,
note by note in turns, and adds up the CPU time of each side. What NC207 adds per note is
then steady from run to run. The ratio is not that of whole runs: in turns, the side
without transcripts runs about 15 % slower than alone (each note starts with caches the
other side filled), so the ratio printed here is lower than a whole run's.

Usage:
  python bench/nc207_cost.py [--notes 1000] [--work /tmp/notecheck-bench]
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
from pathlib import Path

from notecheck.config import Config
from notecheck.engine.phases import analyze_path
from notecheck.engine.ruleset import RuleSet
from notecheck.vault.discovery import walk_vault

HERE = Path(__file__).resolve().parent


def vault(work: Path, notes: int, transcripts: bool) -> Path:
    path = work / (f"vault-{notes}-transcripts" if transcripts else f"vault-{notes}")
    if not path.exists():
        command = [sys.executable, str(HERE / "generate.py"), str(path), "--notes", str(notes)]
        subprocess.run(command + (["--transcripts"] if transcripts else []), check=True)
    return path


def ruleset(root: Path) -> tuple[RuleSet, list[str]]:
    files = sorted(dict(walk_vault(root)))
    config = Config()
    return RuleSet.build(config, config.enabled_codes(), root, files), [rel for rel in files if rel.endswith(".md")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/notecheck-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    plain, transcribed = vault(args.work, args.notes, False), vault(args.work, args.notes, True)
    plain_rules, notes = ruleset(plain)
    transcribed_rules, _ = ruleset(transcribed)
    assert "claims" in transcribed_rules.needs and "claims" not in plain_rules.needs
    gc.disable()  # as a run does
    without = with_ = 0.0
    clock = time.process_time
    for rel in notes:
        start = clock()
        analyze_path(plain, rel, plain_rules)
        middle = clock()
        analyze_path(transcribed, rel, transcribed_rules)
        without += middle - start
        with_ += clock() - middle
    print(
        f"{args.notes:,} video notes, phase 1 in turns: {without:.2f} s CPU without transcripts, "
        f"{with_:.2f} s with: NC207 adds {(with_ - without) * 1000 / len(notes):.2f} ms a note "
        f"({with_ / without - 1:+.1%} in turns)"
    )


if __name__ == "__main__":
    main()
