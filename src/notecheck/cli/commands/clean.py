"""``notecheck clean [PATH]``: remove the cache of the vault that holds PATH."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_CLEAN, EXIT_ERROR = 0, 2


def cmd_clean(args: list[str]) -> int:
    from notecheck.runner.cache import CACHE_DIR, clean
    from notecheck.vault.discovery import find_vault_root

    if len(args) > 1 or any(arg.startswith("-") for arg in args):
        print("usage: notecheck clean [PATH]", file=sys.stderr)
        return EXIT_ERROR
    given = Path(args[0]) if args else Path.cwd()
    if not given.exists():
        print(f"notecheck: error: {given}: no such file or directory", file=sys.stderr)
        return EXIT_ERROR
    root = find_vault_root(given, Path.cwd())
    removed = clean(root)
    if removed is None:
        print(f"No cache in {root}")
    else:
        print(f"Removed {root / CACHE_DIR} ({removed} file{'s' * (removed != 1)})")
    return EXIT_CLEAN
