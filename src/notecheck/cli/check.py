"""Checking (the default command): run, print the findings and the lines that close the
report, and choose the exit status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from notecheck.cli.output.common import Tally
    from notecheck.model import Finding
    from notecheck.runner.run import RunResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _config_arguments(values: list[str]) -> tuple[Path | None, list[str], str | None]:
    """``--config`` values: at most one file, any number of ``KEY = VALUE`` settings; or
    what is wrong with them."""
    config_file, overrides = None, []
    for value in values:
        path = Path(value)
        if path.is_dir():
            return None, [], f"--config {value}: is a folder; give a configuration file"
        if path.exists() and not path.is_file():
            return None, [], f"--config {value}: not a regular file; give a configuration file"
        if path.is_file():
            if config_file is not None:
                return None, [], "--config: give one configuration file (and any number of settings)"
            config_file = path
        elif "=" in value:
            overrides.append(value)
        else:
            return None, [], f"--config {value}: no such file"
    return config_file, overrides, None


def _default_format(stream: TextIO) -> str:
    return "full" if hasattr(stream, "isatty") and stream.isatty() else "concise"


def check(args: argparse.Namespace) -> int:
    from notecheck.config import ConfigError

    if args.jobs is not None and args.jobs < 1:
        return _error("--jobs must be at least 1")
    if args.select == []:  # --select '' would run no rule and claim success (W-7)
        return _error("--select: give at least one rule code or prefix (ALL for every rule)")
    config_file, overrides, problem = _config_arguments(args.config)
    if problem:
        return _error(problem)
    stdin = None
    if Path("-") in args.paths:
        if args.paths != [Path("-")]:
            return _error("- (standard input) is checked alone: give no other path")
        if args.diff:
            return _error("--diff does not read standard input; use --fix, which prints the fixed text")
        stdin = (args.stdin_filename or Path("stdin.md"), sys.stdin.buffer.read())
    elif args.stdin_filename is not None:
        return _error("--stdin-filename goes with - (the note read from standard input)")
    args.stdin = stdin
    if args.show_settings:
        from notecheck.cli.commands.settings import show_settings

        try:
            return show_settings(args, config_file, overrides)
        except ConfigError as err:
            return _error(str(err))
    if args.watch:
        return _watch(args, config_file, overrides)
    if args.output is not None:
        try:
            stream = open(args.output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as err:
            return _error(f"--output {args.output}: {err.strerror or err}")
        with stream:
            return _check(args, config_file, overrides, stream)
    return _check(args, config_file, overrides, sys.stdout)


def _check(args: argparse.Namespace, config_file: Path | None, overrides: list[str], out: TextIO) -> int:
    from notecheck.cli.output import Style
    from notecheck.cli.output.common import use_colour
    from notecheck.cli.printer import Printer, fixes_lines, unchecked_lines
    from notecheck.config import ConfigError
    from notecheck.runner.run import RunOptions, run

    fixing_stdin = args.stdin is not None and args.fix
    if fixing_stdin and out is sys.stdout:  # the fixed text takes standard output; findings go to stderr
        out = sys.stderr
    output_format = args.output_format or _default_format(out)
    style = Style(colour=use_colour(out, args.color), show_unsafe=args.unsafe_fixes)
    printer = Printer(output_format, args.statistics, out, style)
    options = RunOptions(
        paths=args.paths,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        config_file=config_file,
        overrides=overrides,
        vault=args.vault,
        cache=not args.no_cache,
        jobs=args.jobs,
        progress=True,
        verbose=args.verbose,
        stdin=args.stdin,
        gather=output_format == "html",
        # With --diff the findings are not shown: only counted.
        on_findings=printer.tally.add if args.diff else printer.add,
    )
    try:
        result = run(options)
    except ConfigError as err:
        return _error(str(err))
    if fixing_stdin and not result.errors:
        sys.stdout.write(result.stdin_fixed if result.stdin_fixed is not None else _text_of(args.stdin[1]))
        sys.stdout.flush()
    for message in result.warnings:
        print(f"notecheck: warning: {message}", file=sys.stderr)
    for message in result.errors:
        print(f"notecheck: error: {message}", file=sys.stderr)
    for path, pattern in result.excluded:
        print(f"notecheck: {path} is excluded by exclude = [{json.dumps(pattern)}]; not checked", file=sys.stderr)
    if args.verbose:
        for path, lines in result.sources.items():
            for line in lines:
                print(f"notecheck: {path}: {line}", file=sys.stderr)
    if args.diff:
        out.write("".join(result.diffs))
        if result.fixed and not args.quiet:
            notes = len(result.fixed_by)
            print(
                f"Would fix {result.fixed} problem{'s' * (result.fixed != 1)} in {notes} note{'s' * (notes != 1)}.",
                file=sys.stderr,
            )
        if result.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if result.diffs and not args.exit_zero else EXIT_CLEAN
    if output_format == "html":  # the report draws what the run gathered besides the findings
        html_format = printer.format
        html_format.gathered = result.gathered  # type: ignore[attr-defined]
        html_format.unchecked = result.unchecked  # type: ignore[attr-defined]
        html_format.notes_checked = result.notes  # type: ignore[attr-defined]
    printer.close()
    tally = printer.tally
    if printer.text_summary:
        write = out.write
        if args.statistics:
            write(f"Checked {result.notes} notes ({result.links} wikilinks, {result.citations} citations).\n")
        if args.show_fixes and args.fix:
            for line in fixes_lines(result.fixed_by, tally.names | _rule_names()):
                write(line + "\n")
        if not args.quiet:
            closing = _closing_line(result, tally, args)
            if closing:
                write(closing + "\n")
        if args.statistics or not args.quiet:
            for line in unchecked_lines(result.unchecked):
                write(line + "\n")
    elif not result.notes and not result.errors and not args.quiet:
        print("notecheck: no notes checked", file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    if args.exit_non_zero_on_fix and result.fixed:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if tally.total and not args.exit_zero else EXIT_CLEAN


def _closing_line(result: RunResult, tally: Tally, args: argparse.Namespace) -> str | None:
    """The summary line; never ``All checks passed!`` after an error or when no note was
    checked (a path that does not exist, a file passed over by ``exclude``)."""
    from notecheck.cli.printer import summary_line

    if result.errors and not tally.total:
        return None
    if not result.notes and not tally.total:
        return "No notes checked."
    return summary_line(tally, result.fixed, args.fix, args.unsafe_fixes)


def _watch(args: argparse.Namespace, config_file: Path | None, overrides: list[str]) -> int:
    """``--watch``: the concise line of each finding, then what changed at each change."""
    from notecheck.cli.output.common import Tally, use_colour
    from notecheck.cli.output.concise import concise_line
    from notecheck.cli.printer import summary_line
    from notecheck.cli.watch import watch
    from notecheck.config import ConfigError
    from notecheck.runner.run import RunOptions, run
    from notecheck.vault.discovery import find_vault_root

    if args.fix or args.diff or args.stdin is not None:
        return _error("--watch only checks: give no --fix, --diff or -")
    given = args.paths[0] if args.paths else Path.cwd()
    root = args.vault.resolve() if args.vault else find_vault_root(given, Path.cwd())
    colour = use_colour(sys.stdout, args.color)

    def check_once() -> tuple[list[Finding], str]:
        options = RunOptions(
            paths=args.paths,
            select=args.select,
            extend_select=args.extend_select,
            ignore=args.ignore,
            config_file=config_file,
            overrides=overrides,
            vault=args.vault,
            cache=not args.no_cache,
            jobs=args.jobs,
        )
        try:
            result = run(options)
        except ConfigError as err:
            return [], f"notecheck: error: {err}"
        tally = Tally()
        tally.add(result.findings)
        return result.findings, summary_line(tally, 0) if result.notes else "No notes checked."

    return watch(check_once, root, lambda f: concise_line(f, colour))


def _text_of(raw: bytes) -> str:
    """The text given on standard input, unchanged (no fix applied), to pass through."""
    return raw.decode("utf-8", "surrogateescape")


def _rule_names() -> dict[str, str]:
    from notecheck.engine.registry import all_rules

    return {code: rule.name for code, rule in all_rules().items()}


def _error(message: str) -> int:
    print(f"notecheck: error: {message}", file=sys.stderr)
    return EXIT_ERROR
