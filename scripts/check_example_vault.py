#!/usr/bin/env python3
"""Check that notecheck's output on examples/vault is exactly the pinned one.

Usage: python scripts/check_example_vault.py [--update]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "tests" / "data" / "example_vault_output.txt"


def current_output() -> str:
    done = subprocess.run(
        [sys.executable, "-m", "notecheck", "examples/vault"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return done.stdout


def main(argv: list[str]) -> int:
    output = current_output()
    if "--update" in argv:
        PINNED.parent.mkdir(parents=True, exist_ok=True)
        PINNED.write_text(output, encoding="utf-8")
        return 0
    pinned = PINNED.read_text(encoding="utf-8")
    if output != pinned:
        print("notecheck's output on examples/vault differs from tests/data/example_vault_output.txt:")
        print(output)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
