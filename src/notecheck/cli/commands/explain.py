"""``notecheck explain CODE|NAME [--verbose]``: a rule's page, as a user reads it."""

from __future__ import annotations

import argparse
import sys

EXIT_CLEAN, EXIT_ERROR = 0, 2


def cmd_explain(argv: list[str]) -> int:
    from notecheck.cli.output.common import use_colour
    from notecheck.engine.pages import all_pages, user_text
    from notecheck.engine.registry import all_rules

    parser = argparse.ArgumentParser(prog="notecheck explain", description="Print a rule's page.")
    parser.add_argument("rule", help="a rule code (NC101) or name (broken-link)")
    parser.add_argument("-v", "--verbose", action="store_true", help="with the design and cost notes")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    args = parser.parse_args(argv)
    wanted = args.rule.strip()
    by_name = {rule.name: code for code, rule in all_rules().items()}
    code = by_name.get(wanted.lower(), wanted.upper())
    page = all_pages().get(code)
    if page is None:
        print(f"notecheck: error: no rule {wanted!r}; see 'notecheck rules'", file=sys.stderr)
        return EXIT_ERROR
    text = user_text(page, verbose=args.verbose)
    if use_colour(sys.stdout, args.color):
        from rich.console import Console
        from rich.markdown import Markdown

        Console(force_terminal=True).print(Markdown(text))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN
