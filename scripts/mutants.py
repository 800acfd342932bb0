#!/usr/bin/env python3
"""One-line deliberate bugs at boundaries the suite once let through; each must make at
least one test of ``tests/test_mutants.py`` (and the files named with it) fail.

Usage: python scripts/mutants.py      (restores every file; exit 1 when a mutant survives)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "notecheck"
MUTANTS = [  # (file, text, mutated text, tests that must catch it)
    ("rules/timestamps/nc203_timestamp_past_end.py", "else 1\n", "else 2\n", "tests/test_mutants.py"),
    ("rules/timestamps/nc203_timestamp_past_end.py", "else 1\n", "else 0\n", "tests/test_mutants.py"),
    ("rules/dates/common.py", "timedelta(days=1)", "timedelta(days=2)", "tests/test_mutants.py"),
    ("rules/dates/common.py", "timedelta(days=1)", "timedelta(days=0)", "tests/test_mutants.py"),
    ("engine/suppress.py", "suppression.span.line >= line", "suppression.span.line > line", "tests/test_mutants.py"),
    ("runner/fixer.py", "(s < pe and ps < e) or s == ps", "(s < pe and ps < e)", "tests/test_mutants.py"),
    ("runner/fixer.py", "(s < pe and ps < e) or s == ps", "(s <= pe and ps <= e) or s == ps", "tests/test_mutants.py"),
]


def main() -> int:
    survived = []
    for name, text, mutated, tests in MUTANTS:
        path = SRC / name
        original = path.read_text(encoding="utf-8")
        if text not in original:
            print(f"{name}: {text!r} not found (the code moved on: update the mutant)")
            survived.append(name)
            continue
        path.write_text(original.replace(text, mutated, 1), encoding="utf-8")
        try:
            done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", tests], cwd=ROOT, capture_output=True)
        finally:
            path.write_text(original, encoding="utf-8")
        verdict = "killed" if done.returncode != 0 else "SURVIVED"
        print(f"{verdict}: {name}: {text.strip()!r} -> {mutated.strip()!r}")
        if done.returncode == 0:
            survived.append(name)
    print(f"{len(MUTANTS) - len(survived)} of {len(MUTANTS)} mutants killed")
    return 1 if survived else 0


if __name__ == "__main__":
    raise SystemExit(main())
