"""The sample vault's output is pinned, and the README lists exactly the registered rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from notecheck.engine.registry import all_rules

REPO = Path(__file__).resolve().parent.parent


def test_example_vault_output_is_pinned() -> None:
    """The same check the pre-commit hook runs (scripts/check_example_vault.py)."""
    done = subprocess.run(
        [sys.executable, "scripts/check_example_vault.py"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    pinned = (REPO / "tests" / "data" / "example_vault_output.txt").read_text(encoding="utf-8")
    assert "Found 20 problems (6 fixable with --fix, 4 more with --unsafe-fixes).\n" in pinned
    codes = set(re.findall(r": (NC\d{3}) ", pinned))
    assert {code[:3] for code in codes} == {"NC1", "NC2", "NC3", "NC4"}, "a few mistakes of each family"


def test_readme_sample_output_is_real_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pinned = (REPO / "tests" / "data" / "example_vault_output.txt").read_text(encoding="utf-8").splitlines()
    sample = re.search(r"one line per finding \(`concise`\):\n\n```text\n(.*?)```", readme, re.DOTALL)
    assert sample is not None
    lines = sample.group(1).splitlines()
    assert lines and all(line in pinned for line in lines), [line for line in lines if line not in pinned]


def test_readme_sample_of_full_output_is_real_output() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sample = re.search(r"the default `full` format\):\n\n```text\n(.*?)```", readme, re.DOTALL)
    assert sample is not None
    done = subprocess.run(
        [sys.executable, "-m", "notecheck", "--output-format", "full", "--color", "never", "--no-cache", "."],
        cwd=REPO / "examples" / "vault",
        capture_output=True,
        text=True,
    )
    blocks = sample.group(1).strip("\n").split("\n\n")
    assert len(blocks) == 2 and all(block in done.stdout for block in blocks)


def test_readme_documents_every_flag_and_format() -> None:
    from notecheck.cli.main import build_parser
    from notecheck.cli.output import FORMATS

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    flags = [opt for action in build_parser()._actions for opt in action.option_strings if opt.startswith("--")]
    assert len(flags) > 20
    for flag in flags:
        assert f"`{flag}" in readme or f", {flag}" in readme, flag
    for name in FORMATS:
        assert (f"- `{name}`" if name != "text" else "`text` is its old name") in readme, name


def test_readme_rule_table_matches_the_registry() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (NC\d{3}) \| ([a-z-]+) \|\s*([a-z-]*)\s*\| (on|off) \|", readme, re.MULTILINE)
    expected = [
        (
            code,
            rule.name,
            {"safe": "fix", "unsafe": "unsafe-fix"}.get(rule.fixable or "", ""),
            "on" if rule.default_enabled else "off",
        )
        for code, rule in all_rules().items()
    ]
    assert [(c, n, f.strip(), d) for c, n, f, d in rows] == expected


def test_readme_documents_every_configuration_key() -> None:
    from notecheck.config import TOP_LEVEL_KEYS
    from notecheck.engine.registry import family_options

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for key in TOP_LEVEL_KEYS:
        assert f"`{key}" in readme, key
    for family, options in family_options().items():
        for key in options:
            assert f"`{family}.{key}`" in readme, f"{family}.{key}"


def test_ci_runs_the_readme_test_command_in_a_fresh_virtual_environment() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL)
    assert len(blocks) == 2
    test_command = blocks[1].strip()
    assert test_command == 'scripts/system-deps && pip install ".[test]" && python -m pytest'
    assert test_command in ci.splitlines()
    assert "python3 -m venv .ci-venv" in ci and ". .ci-venv/bin/activate" in ci
    assert ci.index(". .ci-venv/bin/activate") < ci.index(test_command)
