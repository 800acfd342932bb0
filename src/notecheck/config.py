"""Configuration: ``.notecheck.toml`` or ``[tool.notecheck]`` in ``pyproject.toml``.

Every key is validated; an unknown key or a bad value is a ConfigError naming the key
and the file, which the command line turns into exit status 2.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notecheck.engine.registry import FAMILIES, all_rules, family_options

CONFIG_FILE = ".notecheck.toml"
TOP_LEVEL_KEYS = ("select", "extend-select", "ignore", "exclude", "per-file-ignores", *FAMILIES)
DEFAULT_EXCLUDE = (".obsidian/", ".trash/", ".git/", ".notecheck_cache/", "node_modules/")


class ConfigError(Exception):
    """A configuration problem the user must fix; exit status 2."""


@dataclass
class Config:
    source: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)

    def table(self, family: str) -> dict[str, Any]:
        """A family's options with defaults filled in."""
        options = family_options().get(family, {})
        values = {key: option.default for key, option in options.items()}
        values.update(self.tables.get(family, {}))
        return values

    def enabled_codes(self) -> set[str]:
        """Rules that run, as ruff decides: select (or defaults) + extend-select - ignore.

        A rule that is off by default runs only when its full code is named, so that
        ``select = ["NC2"]`` does not switch on a noisy opt-in rule by accident.
        """
        rules = all_rules()
        chosen: set[str] = set()
        if self.select is None:
            chosen = {code for code, rule in rules.items() if rule.default_enabled}
        else:
            chosen = _matching(self.select, rules)
        chosen |= _matching(self.extend_select, rules)
        return {code for code in chosen if not _matches_any(code, self.ignore)}


def _matches_any(code: str, prefixes: list[str]) -> bool:
    return any(prefix == "ALL" or code.startswith(prefix) for prefix in prefixes)


def _matching(prefixes: list[str], rules: dict[str, Any]) -> set[str]:
    chosen = set()
    for code, rule in rules.items():
        for prefix in prefixes:
            exact = prefix == code
            if exact or ((prefix == "ALL" or code.startswith(prefix)) and rule.default_enabled):
                chosen.add(code)
    return chosen


def check_codes(codes: list[str], where: str) -> list[str]:
    """Codes as upper case (``nc101`` is NC101, as on the command line); reject prefixes
    that match no rule (a typo would silently select nothing)."""
    rules = all_rules()
    codes = [code.strip().upper() for code in codes]
    for code in codes:
        if code != "ALL" and not any(rule.startswith(code) for rule in rules):
            raise ConfigError(f"{where}: unknown rule code or prefix '{code}'")
    return codes


def _unknown_key(key: str, known: list[str] | tuple[str, ...], where: str, table: str = "") -> ConfigError:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known) or 'none'}"
    return ConfigError(f"{where}: unknown key '{key}'{table} ({hint})")


def _string_list(value: Any, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def from_mapping(data: dict[str, Any], source: Path | None, where: str | None = None) -> Config:
    where = where or (str(source) if source else "configuration")
    config = Config(source=source)
    for key, value in data.items():
        if key not in TOP_LEVEL_KEYS:
            raise _unknown_key(key, TOP_LEVEL_KEYS, where)
        if key in ("select", "extend-select", "ignore"):
            codes = check_codes(_string_list(value, key, where), f"{where}: '{key}'")
            setattr(config, key.replace("-", "_"), codes)
        elif key == "exclude":
            config.exclude = _string_list(value, key, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            for glob, codes in value.items():
                name = f'per-file-ignores."{glob}"'
                config.per_file_ignores[glob] = check_codes(_string_list(codes, name, where), f"{where}: {name}")
        else:
            config.tables[key] = _family_table(key, value, where)
    return config


def _family_table(family: str, value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: '{family}' must be a table ([{family}])")
    options = family_options().get(family, {})
    for key, option_value in value.items():
        if key not in options:
            raise _unknown_key(key, sorted(options), where, f" in [{family}]")
        if not options[key].check(option_value):
            raise ConfigError(
                f"{where}: [{family}] {key} = {option_value!r} is invalid; expected {options[key].expected}"
            )
    return dict(value)


def load_file(path: Path) -> Config:
    """Load ``.notecheck.toml`` or the ``[tool.notecheck]`` table of a ``pyproject.toml``."""
    return from_mapping(load_data(path), path)


def load_data(path: Path) -> dict[str, Any]:
    """The TOML of a configuration file, not yet validated."""
    if path.is_dir():
        raise ConfigError(f"{path}: is a folder; give a configuration file (.notecheck.toml or pyproject.toml)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"{path}: cannot read configuration: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("notecheck", {})
    return data


def parse_override(text: str) -> dict[str, Any]:
    """``--config 'links.pipe-style = "spaced"'``: one TOML line, layered on the vault's file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(
            f"--config {text!r}: not a file, and not a TOML setting such as 'links.pipe-style = \"spaced\"' ({err})"
        ) from None
    from_mapping(data, None, f"--config {text!r}")  # every key and value checked, named as given
    return data


def layered(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the keys of ``override`` replacing its own, table by table."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = layered(merged[key], value)
        else:
            merged[key] = value
    return merged


def has_config(directory: Path) -> Path | None:
    """The configuration file that makes ``directory`` a vault root, if any."""
    candidate = directory / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except OSError:
            return pyproject  # it may hold [tool.notecheck]: loading it says it cannot be read (W-6)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
        if "notecheck" in data.get("tool", {}):
            return pyproject
    return None
