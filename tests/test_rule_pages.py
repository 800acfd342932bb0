"""Every rule has a page in rules/, and every example of every page holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check, write_vault

from notecheck.engine.pages import all_pages, load_page, pages_dir
from notecheck.engine.registry import all_rules

PAGES = all_pages()
EXAMPLES = [
    pytest.param(code, example, id=f"{code}-{example.kind}-line{example.line}")
    for code, page in PAGES.items()
    for example in page.examples
]
NO_FLAGGED_EXAMPLE = {"NC001"}  # appears only when notecheck itself has a bug


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    assert set(PAGES) == set(all_rules())


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_page_front_matter_matches_the_rule(code: str) -> None:
    rule = all_rules()[code]
    meta = PAGES[code].meta
    assert (meta["code"], meta["name"], meta["severity"], meta["fixable"]) == (
        rule.code,
        rule.name,
        rule.severity,
        rule.fixable,
    )
    assert meta["summary"] == rule.summary
    for section in (
        "## What it checks",
        "## Why",
        "## Examples that are flagged",
        "## Examples that pass",
        "## Fix",
        "## Options",
    ):
        assert section in PAGES[code].text, f"{code} page lacks {section}"


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_page_has_examples_of_both_kinds(code: str) -> None:
    kinds = {example.kind for example in PAGES[code].examples}
    assert "pass" in kinds
    assert ("flagged" in kinds) != (code in NO_FLAGGED_EXAMPLE)


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_example(code: str, example, tmp_path: Path) -> None:
    write_vault(tmp_path, example.files)
    first = next(iter(example.files)).removesuffix(" (escaped)")
    result = check(tmp_path, first, extend_select=[code])
    assert not result.errors
    found = sorted((f.path, f.span.line, f.span.column) for f in result.findings if f.code == code)
    if example.kind == "flagged":
        assert example.expected, "a flagged example must mark where its findings are"
        assert found == sorted(example.expected), [f.message for f in result.findings]
    else:
        assert found == [], [f.message for f in result.findings if f.code == code]


def test_pages_load_from_the_rules_folder() -> None:
    assert pages_dir().name in ("rules", "rule_docs")
    page = load_page(pages_dir() / "NC101.md")
    assert page.code == "NC101"
    assert any(example.kind == "flagged" for example in page.examples)
