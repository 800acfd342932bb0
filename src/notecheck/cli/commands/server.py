"""``notecheck server``: the language server over stdio, from the ``lsp`` extra."""

from __future__ import annotations

import sys

from notecheck import DISTRIBUTION

EXIT_CLEAN, EXIT_ERROR = 0, 2


def cmd_server(argv: list[str]) -> int:
    if argv and argv != ["--stdio"]:  # editors pass --stdio; nothing else is understood
        print("usage: notecheck server [--stdio]", file=sys.stderr)
        return EXIT_ERROR
    try:
        import pygls  # noqa: F401
    except ImportError:
        print(
            f'notecheck: error: the language server needs the lsp extra: pip install "{DISTRIBUTION}[lsp]"',
            file=sys.stderr,
        )
        return EXIT_ERROR
    from notecheck.server.app import serve

    serve()
    return EXIT_CLEAN
