"""The package's layout holds: no import cycle, and no import across the boundaries of the
wings but the few listed here, each to be removed (scripts/import_graph.py prints them)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import import_graph  # noqa: E402

KNOWN: list[tuple[str, str]] = []  # none left: each family gathers its own facts in phase 1


def test_no_import_cycle() -> None:
    edges = import_graph.graph(REPO / "src" / "notecheck")
    assert import_graph.cycles(edges) == []


def test_no_new_import_across_the_wings() -> None:
    edges = import_graph.graph(REPO / "src" / "notecheck")
    assert import_graph.violations(edges) == KNOWN


def test_the_check_sees_a_violation() -> None:
    edges = {"notecheck.rules.links.links": {"notecheck.runner.cache", "notecheck.rules.dates.dating"}}
    assert import_graph.violations(edges) == [
        ("notecheck.rules.links.links", "notecheck.rules.dates.dating"),
        ("notecheck.rules.links.links", "notecheck.runner.cache"),
    ]
    assert import_graph.cycles({"notecheck.a": {"notecheck.b"}, "notecheck.b": {"notecheck.a"}}) == [
        ["notecheck.a", "notecheck.b"]
    ]


def test_nothing_is_set_on_the_vault_after_it_is_built() -> None:
    """The runner hands the vault what it needs when it builds it (its reader of notes
    not parsed, the store of transcripts' ends); no callback or string-keyed dict is
    set on it later."""
    import dataclasses
    import re

    from notecheck.vault.resolve import Vault

    fields = {field.name for field in dataclasses.fields(Vault)}
    assert not fields & {"shared", "summarize", "video_id_of"}
    setting = re.compile(r"\bvault\.[a-z_]+(\[[^]]*\])?\s*=[^=]")
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in (REPO / "src" / "notecheck").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if setting.search(line)
    ]
    assert found == []
