"""The ``notecheck`` command line. No traceback ever reaches the user."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from notecheck import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> list[str]:
    return [code.strip().upper() for code in value.split(",") if code.strip()]


def build_parser() -> argparse.ArgumentParser:
    from notecheck.cli.printer import FORMATS

    parser = argparse.ArgumentParser(
        prog="notecheck",
        description="Lint a vault of Markdown video notes: wikilinks, timestamps, front matter and dates.",
        epilog=(
            "Subcommands: 'notecheck rules' lists the rules; 'notecheck explain CODE' prints a rule's page; "
            "'notecheck clean [PATH]' removes the vault's cache. A vault folder of one of these names is "
            "checked as ./NAME."
        ),
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to check (default: .)")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes")
    parser.add_argument("--diff", action="store_true", help="print what --fix would change; write nothing")
    parser.add_argument("--select", type=_codes, help="rule codes or prefixes to enable, replacing the configuration")
    parser.add_argument("--extend-select", type=_codes, default=[], help="rule codes or prefixes to enable as well")
    parser.add_argument("--ignore", type=_codes, default=[], help="rule codes or prefixes to disable")
    parser.add_argument("--config", type=Path, help="configuration file to use instead of the vault's")
    parser.add_argument("--vault", type=Path, help="vault root (default: found from each file's location)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write .notecheck_cache/")
    parser.add_argument("--jobs", type=int, help="processes for a cold run (default: one per core)")
    parser.add_argument("--output-format", choices=FORMATS, default="text", help="how findings are printed")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    parser.add_argument("--version", action="version", version=f"notecheck {__version__}")
    return parser


def cmd_rules() -> int:
    from notecheck.engine.registry import all_rules

    for code, rule in all_rules().items():
        fixable = {"safe": "fix", "unsafe": "unsafe-fix"}.get(rule.fixable or "", "-")
        default = "on" if rule.default_enabled else "off"
        print(f"{code}  {rule.name:<25} {fixable:<10} {default:<3}  {rule.summary}")
    return EXIT_CLEAN


def cmd_clean(paths: list[str]) -> int:
    """``notecheck clean [PATH]``: remove the cache of the vault that holds PATH."""
    from notecheck.runner.cache import CACHE_DIR, clean
    from notecheck.vault.discovery import find_vault_root

    given = Path(paths[0]) if paths else Path.cwd()
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


def cmd_explain(code: str) -> int:
    from notecheck.engine.pages import all_pages

    pages = all_pages()
    page = pages.get(code.upper())
    if page is None:
        print(f"notecheck: error: no rule {code!r}; see 'notecheck rules'", file=sys.stderr)
        return EXIT_ERROR
    print(page.text, end="" if page.text.endswith("\n") else "\n")
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["rules"]:
            return cmd_rules()
        if argv[:1] == ["clean"] and len(argv) <= 2:
            return cmd_clean(argv[1:])
        if argv[:1] == ["explain"]:
            if len(argv) != 2:
                print("usage: notecheck explain CODE", file=sys.stderr)
                return EXIT_ERROR
            return cmd_explain(argv[1])
        return check(build_parser().parse_args(argv))
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


def check(args: argparse.Namespace) -> int:
    from notecheck.cli import printer as report
    from notecheck.config import ConfigError
    from notecheck.runner.run import RunOptions, run

    if args.unsafe_fixes and not (args.fix or args.diff):
        args.fix = True
    options = RunOptions(
        paths=args.paths,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        config_file=args.config,
        vault=args.vault,
        cache=not args.no_cache,
        jobs=args.jobs,
        progress=True,
    )
    printer = report.Printer(args.output_format, args.statistics)
    # With --diff the findings are not shown: only counted.
    options.on_findings = printer.tally.add if args.diff else printer.add
    if args.jobs is not None and args.jobs < 1:
        print("notecheck: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_ERROR
    if args.config is not None and not args.config.is_file():
        print(f"notecheck: error: --config {args.config}: no such file", file=sys.stderr)
        return EXIT_ERROR
    try:
        result = run(options)
    except ConfigError as err:
        print(f"notecheck: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    for message in result.warnings:
        print(f"notecheck: warning: {message}", file=sys.stderr)
    for message in result.errors:
        print(f"notecheck: error: {message}", file=sys.stderr)
    if args.diff:
        sys.stdout.write("".join(result.diffs))
        if result.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if result.diffs and not args.exit_zero else EXIT_CLEAN
    printer.close()
    tally = printer.tally
    if args.output_format == "text":
        if args.statistics:
            report.write(f"Checked {result.notes} notes ({result.links} wikilinks, {result.citations} citations).\n")
        if not args.quiet and not (result.errors and not tally.total):  # never "All checks passed!" after an error
            report.write(report.summary_line(tally, result.fixed) + "\n")
        if args.statistics or not args.quiet:
            for line in report.unchecked_lines(result.unchecked):
                report.write(line + "\n")
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.total and not args.exit_zero else EXIT_CLEAN
