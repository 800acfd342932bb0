"""The engine: bad input becomes findings, a failing rule becomes NC001, the run goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import check, places, write_vault

from notecheck.engine import registry
from notecheck.engine.registry import Rule


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"# Caf\xe9\n", "not valid UTF-8"),
        ("# Hello\n".encode("utf-16"), "UTF-16"),
        (b"# a\x00b\n", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
    ],
    ids=["latin-1", "utf-16", "nul", "png"],
)
def test_unreadable_notes_are_findings_and_the_run_goes_on(tmp_path: Path, content: bytes, reason: str) -> None:
    write_vault(tmp_path, {"bad.md": content, "good.md": "See [[ bad ]].\n"})
    result = check(tmp_path)
    assert places(result.findings) == [("bad.md", 1, 1, "NC002"), ("good.md", 1, 5, "NC104")]
    assert reason in result.findings[0].message


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "\ufeff# Title\n\n[[a|b]]\n".encode(), "a.md": "# a\n"})
    assert check(tmp_path).findings == []


def test_permission_denied_and_vanished_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_vault(tmp_path, {"locked.md": "x", "gone.md": "y", "ok.md": "[[]]"})
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        if self.name == "gone.md":
            raise FileNotFoundError(2, "No such file")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = check(tmp_path)
    assert places(result.findings) == [
        ("gone.md", 1, 1, "NC002"),
        ("locked.md", 1, 1, "NC002"),
        ("ok.md", 1, 1, "NC107"),
    ]
    assert "permission denied" in result.findings[1].message
    assert "disappeared" in result.findings[0].message


def test_symlink_to_a_file_outside_the_vault_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("[[]]\n")
    vault = tmp_path / "vault"
    write_vault(vault, {"in.md": "fine\n"})
    os.symlink(outside, vault / "link.md")
    result = check(vault)
    assert places(result.findings) == [("link.md", 1, 1, "NC002")]
    assert "outside the vault" in result.findings[0].message


def test_a_failing_rule_becomes_nc001_and_other_rules_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Exploding(Rule):
        code = "NC001"
        name = "rule-error"
        summary = "test double"
        tokens = frozenset({"wikilink"})

        def check_token(self, token, note) -> None:
            raise ValueError("boom")

    registry.all_rules()
    monkeypatch.setitem(registry.RULES, "NC001", Exploding)
    write_vault(tmp_path, {"a.md": "[[x |y]] [[]]\n", "b.md": "[[]]\n", "x.md": "# x\n"})
    result = check(tmp_path)
    found = places(result.findings)
    assert ("a.md", 1, 1, "NC001") in found
    assert ("a.md", 1, 1, "NC104") in found and ("a.md", 1, 10, "NC107") in found
    assert ("b.md", 1, 1, "NC001") in found and ("b.md", 1, 1, "NC107") in found
    message = next(f.message for f in result.findings if f.code == "NC001")
    assert "ValueError: boom" in message and "NC001" in message


def test_huge_and_deep_input_does_not_crash(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "quotes.md": ">" * 10_000 + " deep\n",
            "lists.md": "".join("  " * i + "- item\n" for i in range(2_000)),
            "line.md": ("[[" * 20_000) + ("[00:" * 20_000) + "\n",
            "cr.md": "a\rb [[ x ]]\rc\n\r\n",
        },
    )
    result = check(tmp_path)
    assert not [f for f in result.findings if f.code in ("NC001", "NC002")]
    assert ("cr.md", 2, 3, "NC104") in places(result.findings)


def test_links_that_try_to_leave_the_vault_are_broken_and_never_opened(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "[[../../../etc/passwd]] [[/etc/passwd]] [[%2e%2e/secret]]\n"})
    result = check(tmp_path, extend_select=["NC1"])
    assert places(result.findings, "NC101")[0] == ("n.md", 1, 1, "NC101")
    assert "outside the vault" in result.findings[0].message


def test_a_notes_links_are_kept_as_columns_and_read_back_as_written(tmp_path: Path) -> None:
    import pickle

    from notecheck.config import Config
    from notecheck.engine.phases import analyze_path
    from notecheck.engine.ruleset import RuleSet

    text = "---\nrelated: '[[b | B]]'\n---\nSee [[a#Part]] and ![[c.png]].\n\n" + "x" * 300 + " [[a]]\n"
    write_vault(tmp_path, {"n.md": text, "a.md": "# Part\n"})
    ruleset = RuleSet.build(Config(), {"NC101"}, tmp_path, ["n.md", "a.md"])
    summary = analyze_path(tmp_path, "n.md", ruleset).summary
    refs = [(ref.source, tuple(ref.span), ref.link.target, ref.link.embed) for ref in summary.links]
    assert refs == [
        ("[[b | B]]", (2, 11, 2, 20), "b", False),
        ("[[a#Part]]", (4, 5, 4, 15), "a", False),
        ("![[c.png]]", (4, 20, 4, 30), "c.png", True),
        ("[[a]]", (6, 302, 6, 307), "a", False),
    ]
    loaded = pickle.loads(pickle.dumps(summary.links))
    assert loaded == summary.links and len(loaded) == 4
    assert loaded.sources[1] is summary.links.sources[1]  # texts are shared again once loaded
    with loaded.opened():
        assert next(iter(loaded)) is next(iter(loaded))  # built once while the vault phase reads them
    assert next(iter(loaded)) is not next(iter(loaded))
