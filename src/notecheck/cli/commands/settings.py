"""``--show-settings``: the configuration a run would use, where it comes from, and the
rules that would run, as TOML a user can paste into ``.notecheck.toml``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from notecheck.config import check_codes
from notecheck.engine.registry import FAMILIES, all_rules
from notecheck.runner.run import config_for
from notecheck.vault.discovery import find_vault_root

EXIT_CLEAN = 0


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value))


def show_settings(args: argparse.Namespace, config_file: Path | None, overrides: list[str]) -> int:
    given = args.paths[0] if args.paths else Path.cwd()
    root = args.vault.resolve() if args.vault else find_vault_root(given, Path.cwd())
    config = config_for(root, config_file, overrides)
    if args.select is not None:
        config.select, config.extend_select = check_codes(args.select, "--select"), []
    config.extend_select = [*config.extend_select, *check_codes(args.extend_select, "--extend-select")]
    config.ignore = [*config.ignore, *check_codes(args.ignore, "--ignore")]
    lines = [
        f"# vault root: {root}",
        f"# configuration file: {config.source or 'none (defaults)'}",
        *(f"# layered on it: --config {text!r}" for text in overrides),
        "",
        f"select = {_toml_value(config.select)}"
        if config.select is not None
        else "# select: unset (the default rules)",
        f"extend-select = {_toml_value(config.extend_select)}",
        f"ignore = {_toml_value(config.ignore)}",
        f"exclude = {_toml_value(config.exclude)}",
    ]
    if config.per_file_ignores:
        lines += ["", "[per-file-ignores]"]
        lines += [f"{json.dumps(glob)} = {_toml_value(codes)}" for glob, codes in config.per_file_ignores.items()]
    for family in FAMILIES:
        values = config.table(family)
        if values:
            lines += ["", f"[{family}]"]
            lines += [f"{key} = {_toml_value(value)}" for key, value in sorted(values.items())]
    rules = all_rules()
    enabled = sorted(config.enabled_codes())
    lines += ["", f"# {len(enabled)} rules run:"]
    lines += [f"#   {code} {rules[code].name}" for code in enabled]
    print("\n".join(lines))
    return EXIT_CLEAN
