#!/usr/bin/env python3
"""Precision and recall of NC204, NC206, NC208 and NC209 on the labelled set of
real-format video notes (tests/labelled_citations.py), by note and line.

Usage: python scripts/score_citations.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import check, write_vault  # noqa: E402
from labelled_citations import CHANNELS, SCORED, labelled_notes  # noqa: E402


def main() -> int:
    notes = labelled_notes()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        files = {note.name: note.text for note in notes}
        files.update({f"{channel}.md": f"# {channel}\n" for channel in CHANNELS})
        write_vault(root, files)
        found = check(root, cache=False, jobs=1).findings
    citations = sum(note.text.count("[0") + note.text.count("[1") for note in notes)
    print(f"{len(notes)} notes, about {citations} citations")
    print("| code | expected | found | true | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for code in SCORED:
        expected = {(note.name, line) for note in notes for kind, line in note.expected if kind == code}
        got = {(f.path, f.span.line) for f in found if f.code == code}
        true = expected & got
        precision = len(true) / len(got) if got else 1.0
        recall = len(true) / len(expected) if expected else 1.0
        print(f"| {code} | {len(expected)} | {len(got)} | {len(true)} | {precision:.3f} | {recall:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
