"""``notecheck rules [FILTER] [--enabled] [--output-format json]``: the rule table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_CLEAN, EXIT_ERROR = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notecheck rules", description="List the rules.")
    parser.add_argument("filter", nargs="*", help="code prefixes (NC2), names or words of the summary")
    parser.add_argument("--enabled", action="store_true", help="only the rules the vault's configuration runs")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")
    parser.add_argument("--config", type=Path, help="configuration file for --enabled (default: the vault's)")
    return parser


def cmd_rules(argv: list[str]) -> int:
    from notecheck.config import ConfigError
    from notecheck.engine.registry import all_rules

    args = _parser().parse_args(argv)
    rules = all_rules()
    chosen = [code for code in rules if _wanted(code, rules[code], args.filter)]
    if args.enabled:
        try:
            enabled = _enabled_codes(args.config)
        except ConfigError as err:
            print(f"notecheck: error: {err}", file=sys.stderr)
            return EXIT_ERROR
        chosen = [code for code in chosen if code in enabled]
    if args.output_format == "json":
        rows = [
            {
                "code": code,
                "name": rules[code].name,
                "family": rules[code].family,
                "severity": rules[code].severity,
                "fix": rules[code].fixable,
                "default": rules[code].default_enabled,
                "summary": rules[code].summary,
            }
            for code in chosen
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_CLEAN
    print(f"{'code':<6} {'name':<25} {'severity':<8} {'fix':<10} {'default':<7}  summary")
    for code in chosen:
        rule = rules[code]
        fixable = {"safe": "fix", "unsafe": "unsafe-fix"}.get(rule.fixable or "", "-")
        default = "on" if rule.default_enabled else "off"
        print(f"{code:<6} {rule.name:<25} {rule.severity:<8} {fixable:<10} {default:<7}  {rule.summary}")
    if not chosen:
        print("(no rule matches)", file=sys.stderr)
    return EXIT_CLEAN


def _wanted(code: str, rule: type, words: list[str]) -> bool:
    if not words:
        return True
    for word in words:
        lower = word.lower()
        if code.startswith(word.upper()) or lower in rule.name or lower in rule.summary.lower():  # type: ignore[attr-defined]
            return True
    return False


def _enabled_codes(config_file: Path | None) -> set[str]:
    from notecheck.runner.run import config_for
    from notecheck.vault.discovery import find_vault_root

    root = find_vault_root(Path.cwd(), Path.cwd())
    return config_for(root, config_file, []).enabled_codes()
