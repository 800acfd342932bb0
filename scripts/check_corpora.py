#!/usr/bin/env python3
"""Run notecheck over each real vault in a corpora folder and compare with reviewed findings.

For each corpus (a sub-folder), the findings (path:line:col: CODE) must equal
``tests/corpora/<name>.txt``, a list we examined by hand. Then a temporary copy is fixed
with ``--fix`` and checked again: no formatting finding may remain and nothing may crash.

Usage: python scripts/check_corpora.py ../shared/corpora [--update]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXPECTED = Path(__file__).resolve().parent.parent / "tests" / "corpora"
FORMATTING = {"NC104", "NC106", "NC108", "NC201", "NC206"}


def notecheck(vault: Path, *extra: str) -> tuple[int, list[dict], str]:
    # --no-cache: a corpus is read, never written to (it may be a read-only copy)
    command = [sys.executable, "-m", "notecheck", "--vault", ".", ".", "--no-cache", "--output-format", "json", *extra]
    done = subprocess.run(command, cwd=vault, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        raise SystemExit(f"{vault}: notecheck exited {done.returncode}:\n{done.stderr}")
    findings = json.loads(done.stdout) if done.stdout.strip() else []
    return done.returncode, findings, done.stderr


def lines_of(findings: list[dict]) -> list[str]:
    return sorted(f"{f['path']}:{f['line']}:{f['column']}: {f['code']}" for f in findings)


def check_corpus(corpus: Path, update: bool) -> bool:
    _, findings, _ = notecheck(corpus)
    found = lines_of(findings)
    expected_file = EXPECTED / f"{corpus.name}.txt"
    notes = sum(1 for _ in corpus.rglob("*.md"))
    stats = subprocess.run(
        [
            sys.executable,
            "-m",
            "notecheck",
            "--vault",
            ".",
            ".",
            "--no-cache",
            "--exit-zero",
            "--statistics",
            "--quiet",
        ],
        cwd=corpus,
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    print(f"{corpus.name}: {notes} notes, {len(found)} findings")
    print(stats, end="")
    ok = True
    if update:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text("".join(line + "\n" for line in found), encoding="utf-8")
    elif not expected_file.exists():
        print(f"  no reviewed list at {expected_file}: every finding is new")
        ok = False
    else:
        expected = expected_file.read_text(encoding="utf-8").splitlines()
        new = sorted(set(found) - set(expected))
        gone = sorted(set(expected) - set(found))
        for line in new:
            print(f"  new finding (examine it by hand): {line}")
        for line in gone:
            print(f"  expected finding is gone: {line}")
        ok = not new and not gone
    with tempfile.TemporaryDirectory() as temp:
        copy = Path(temp) / corpus.name
        shutil.copytree(corpus, copy)
        for path in copy.rglob("*"):
            path.chmod(path.stat().st_mode | 0o200)
        notecheck(copy, "--fix")
        _, after, _ = notecheck(copy)
        left = [line for line in lines_of(after) if line.rsplit(" ", 1)[-1] in FORMATTING]
        for line in left:
            print(f"  formatting finding left after --fix: {line}")
        ok = ok and not left
        print(f"  after --fix: {len(after)} findings, {len(left)} of them formatting")
    return ok


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    root = Path(argv[0])
    update = "--update" in argv
    corpora = sorted(path for path in root.iterdir() if path.is_dir())
    results = [check_corpus(corpus, update) for corpus in corpora]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
