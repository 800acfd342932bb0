"""Suppression comments (markdownlint style), NC003 and NC004."""

from __future__ import annotations

from pathlib import Path

from helpers import check, places, write_vault


def run(tmp_path: Path, text: str, **options: object) -> list[tuple[str, int, int, str]]:
    write_vault(tmp_path, {"n.md": text, "a.md": "# a\n"})
    return places(check(tmp_path, **options).findings)


def test_disable_next_line(tmp_path: Path) -> None:
    text = "<!-- notecheck-disable-next-line NC107 -->\n[[]] [[ a ]]\n[[]]\n"
    assert run(tmp_path, text) == [("n.md", 2, 6, "NC104"), ("n.md", 3, 1, "NC107")]


def test_disable_enable_range_and_all_codes(tmp_path: Path) -> None:
    text = "<!-- notecheck-disable -->\n[[]]\n\n[[ a ]]\n<!-- notecheck-enable -->\n\n[[]]\n"
    assert run(tmp_path, text) == [("n.md", 7, 1, "NC107")]


def test_disable_file_with_a_prefix(tmp_path: Path) -> None:
    text = "---\ntitle: T\nvideoId: abcdefghijk\n---\n[[]] [[ a ]] [7:05]\n\n<!-- notecheck-disable-file NC1 -->\n"
    assert run(tmp_path, text) == [("n.md", 5, 14, "NC201")]


def test_unknown_code_is_nc003(tmp_path: Path) -> None:
    text = "<!-- notecheck-disable-next-line NC999 -->\n[[]]\n"
    assert run(tmp_path, text) == [("n.md", 1, 1, "NC003"), ("n.md", 2, 1, "NC107")]


def test_unused_suppression_is_nc004_unless_its_rule_is_off(tmp_path: Path) -> None:
    text = "<!-- notecheck-disable-next-line NC107 -->\nfine\n"
    assert run(tmp_path, text) == [("n.md", 1, 1, "NC004")]
    assert run(tmp_path, text, ignore=["NC107"]) == []


def test_suppressions_cover_vault_findings_too(tmp_path: Path) -> None:
    write_vault(tmp_path, {"moldova.md": "# Moldova\n"})
    text = "<!-- notecheck-disable-next-line NC101 -->\n[[moldva]]\n[[moldva]]\n"
    assert run(tmp_path, text) == [("n.md", 3, 1, "NC101")]


def test_comments_in_code_are_not_suppressions(tmp_path: Path) -> None:
    text = "```\n<!-- notecheck-disable -->\n```\n[[]]\n"
    assert run(tmp_path, text) == [("n.md", 4, 1, "NC107")]
