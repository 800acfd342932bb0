"""Rules declare what they read (``Rule.reads``), and the runner derives from it alone when
a rule runs early, what phase 1 gathers, and what a replayed (warm) run depends on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import check, places, write_vault

from notecheck.config import Config
from notecheck.engine import registry
from notecheck.engine.reads import EVERY_NOTE, FILE_NAMES, LINKED_NOTES, NOTE, Folder, runs_early
from notecheck.engine.registry import Rule
from notecheck.engine.ruleset import RuleSet
from notecheck.runner.run import MEMO_FROM

TRASH = Folder("trash", "the notes Obsidian moved to .trash", path=".trash")


def _trashed_link_rule(reads: frozenset) -> type[Rule]:
    """A new rule, as a contributor would add it: links to a note that sits in ``.trash/``."""

    class TrashedLink(Rule):
        code = "NC901"
        name = "trashed-link"
        summary = "A link to a note that was moved to the trash."
        severity = "warning"

        def check_in_vault(self, note, vault, report) -> None:
            trashed = {Path(rel).stem.lower() for rel in TRASH.files(vault.root)}
            for link, span, _ in note.links:
                if link.target.lower() in trashed:
                    report(self, span, f"{link.target} is in the trash")

    TrashedLink.reads = reads
    return TrashedLink


def _vault(root: Path) -> Path:
    notes = {f"n{index:03}.md": f"See [[gone]] and [[kept]] {index}.\n" for index in range(MEMO_FROM + 6)}
    return write_vault(root, {**notes, "kept.md": "# kept\n", ".trash/gone.md": "# gone\n"})


def _trashed(root: Path, **options: object) -> list[tuple[str, int, int, str]]:
    return places(check(root, select=["NC901"], jobs=1, **options).findings)


def test_a_rule_that_declares_a_hidden_folder_is_right_on_a_warm_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.all_rules()
    monkeypatch.setitem(registry.RULES, "NC901", _trashed_link_rule(frozenset({NOTE, TRASH})))
    root = _vault(tmp_path)
    cold = _trashed(root)
    assert len(cold) == MEMO_FROM + 6 and cold[0] == ("n000.md", 1, 5, "NC901")
    assert _trashed(root) == cold  # warm: the run memo replays it
    shutil.rmtree(root / ".trash")  # emptied: the walk never saw it, the declaration did
    assert _trashed(root) == _trashed(root, cache=False) == []


def test_without_the_declaration_the_replayed_run_is_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why the declaration matters: the memo stats what rules declare, and no more."""
    registry.all_rules()
    monkeypatch.setitem(registry.RULES, "NC901", _trashed_link_rule(frozenset({NOTE})))
    root = _vault(tmp_path)
    cold = _trashed(root)
    shutil.rmtree(root / ".trash")
    assert _trashed(root) == cold != _trashed(root, cache=False)


def test_early_rules_are_those_whose_inputs_are_known_once_linked_notes_are_parsed() -> None:
    assert runs_early(frozenset({NOTE, FILE_NAMES, LINKED_NOTES, TRASH}))
    assert not runs_early(frozenset({NOTE, EVERY_NOTE}))
    early = {code for code, rule in registry.all_rules().items() if runs_early(rule.reads) and _has_vault_phase(rule)}
    assert early == {"NC101", "NC102", "NC103", "NC105", "NC106", "NC203", "NC404", "NC405"}


def _has_vault_phase(rule: type[Rule]) -> bool:
    return rule.check_in_vault is not Rule.check_in_vault or rule.check_vault is not Rule.check_vault


def test_phase_one_gathers_only_what_an_enabled_rule_reads(tmp_path: Path) -> None:
    config = Config()
    dated = RuleSet.build(config, {"NC401", "NC207"}, tmp_path, ["a.md", "a.en.vtt"])
    assert dated.needs == ["claims", "facts"] and dated.reads_transcripts
    assert RuleSet.build(config, {"NC401", "NC207"}, tmp_path, ["a.md"]).needs == ["facts"]  # no transcript
    assert RuleSet.build(config, {"NC101"}, tmp_path, ["a.md"]).needs == []
    write_vault(tmp_path, {"a.md": "On February 30, 2001, nothing happened.\n"})
    assert places(check(tmp_path, select=["NC401"]).findings) == [("a.md", 1, 4, "NC401")]


def test_a_folder_lists_regular_files_only_and_never_leaves_the_vault(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("x")
    root = write_vault(tmp_path / "vault", {".trash/a.md": "a", ".trash/sub/b.md": "b"})
    (root / ".trash" / "out").symlink_to(outside, target_is_directory=True)
    (root / ".trash" / "link.md").symlink_to(outside / "secret.md")
    assert TRASH.files(root) == [".trash/a.md", ".trash/sub/b.md"]
    assert list(TRASH.watched(root)) == [".trash/", ".trash/a.md", ".trash/sub/b.md"]
    assert Folder("none", "", path="missing").files(root) == []
