"""The ``notecheck`` command line: parse, dispatch to a command. No traceback ever
reaches the user."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notecheck import DISTRIBUTION, __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "explain", "clean", "init", "server")


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def build_parser(prog: str = "notecheck") -> argparse.ArgumentParser:
    from notecheck.cli.output import FORMATS

    parser = argparse.ArgumentParser(
        prog=prog,
        description="Lint a vault of Markdown video notes: wikilinks, timestamps, front matter and dates.",
        epilog=(
            "Commands: 'notecheck [check] [PATHS]' checks (the default); 'notecheck rules [FILTER]' lists "
            "the rules; 'notecheck explain CODE|NAME' prints a rule's page; 'notecheck init [DIR]' writes a "
            "commented .notecheck.toml; 'notecheck clean [PATH]' removes the vault's cache; 'notecheck server' "
            "runs the language server (the lsp extra). "
            "A vault folder of one of these names is checked as ./NAME (notecheck ./rules)."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders to check (default: .); - reads a note from stdin"
    )
    parser.add_argument(
        "--stdin-filename",
        type=Path,
        metavar="PATH",
        help="with -, the vault file the text read from stdin stands for (default: stdin.md here)",
    )
    fixing = parser.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes")
    fixing.add_argument(
        "--unsafe-fixes", action="store_true", help="show unsafe fixes as fixable; with --fix, apply them too"
    )
    fixing.add_argument("--diff", action="store_true", help="print what --fix would change; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="with --fix, list what was fixed per note and rule")
    fixing.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed a note")
    rules = parser.add_argument_group("rule selection")
    rules.add_argument("--select", type=_codes, help="rule codes or prefixes to run, replacing the configuration's")
    rules.add_argument("--extend-select", type=_codes, default=[], help="rule codes or prefixes to run as well")
    rules.add_argument("--ignore", type=_codes, default=[], help="rule codes or prefixes to leave out")
    setup = parser.add_argument_group("configuration")
    setup.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="FILE|SETTING",
        help="a configuration file to use instead of the vault's, or a setting layered on it "
        "('links.pipe-style = \"spaced\"'); may be repeated",
    )
    setup.add_argument("--vault", type=Path, help="vault root (default: found from each file's location)")
    setup.add_argument("--no-cache", action="store_true", help="neither read nor write .notecheck_cache/")
    setup.add_argument("--jobs", type=int, help="processes for a cold run (default: one per core)")
    setup.add_argument(
        "--show-settings", action="store_true", help="print the effective configuration and the rules that run"
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--output-format",
        choices=FORMATS,
        help="how findings are printed (default: full on a terminal, concise otherwise)",
    )
    output.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the findings to FILE")
    output.add_argument(
        "-w", "--watch", action="store_true", help="check again on every change in the vault; Ctrl-C ends it"
    )
    output.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    output.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the text output")
    output.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    output.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    output.add_argument(
        "-v", "--verbose", action="store_true", help="also say which files each video note's checks use"
    )
    parser.add_argument("--version", action="version", version=f"notecheck {__version__} ({DISTRIBUTION})")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return dispatch(argv)
    except KeyboardInterrupt:
        print("notecheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # 'notecheck . | head': output was cut short, so there were findings
        return EXIT_FINDINGS
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else EXIT_ERROR
    except Exception as err:  # the last line of defence: a bug, but never a traceback
        print(f"notecheck: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        print("Please report this bug with the command you ran.", file=sys.stderr)
        return EXIT_ERROR


def dispatch(argv: list[str]) -> int:
    """A first word that names a command runs it; a folder of that name is ``./NAME``."""
    command = argv[0] if argv else None
    if command == "rules":
        from notecheck.cli.commands.rules import cmd_rules

        return cmd_rules(argv[1:])
    if command == "explain":
        from notecheck.cli.commands.explain import cmd_explain

        return cmd_explain(argv[1:])
    if command == "clean":
        from notecheck.cli.commands.clean import cmd_clean

        return cmd_clean(argv[1:])
    if command == "server":
        from notecheck.cli.commands.server import cmd_server

        return cmd_server(argv[1:])
    if command == "init":
        from notecheck.cli.commands.init import cmd_init

        return cmd_init(argv[1:])
    from notecheck.cli.check import check

    if command == "check":
        return check(build_parser("notecheck check").parse_args(argv[1:]))
    return check(build_parser().parse_args(argv))
