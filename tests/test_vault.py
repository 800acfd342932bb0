"""Vault roots, file discovery and link resolution, as Obsidian resolves links."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import write_vault

from notecheck.config import Config
from notecheck.vault.discovery import find_vault_root, walk_vault
from notecheck.vault.resolve import Vault


def make(tmp_path: Path, names: list[str]) -> Vault:
    write_vault(tmp_path, dict.fromkeys(names, ""))
    files = sorted(rel for rel, _ in walk_vault(tmp_path))
    return Vault(tmp_path, Config(), files)


@pytest.mark.parametrize(
    ("target", "expected", "exact"),
    [
        ("moldova", "topics/moldova.md", True),
        ("Moldova", "topics/moldova.md", False),
        ("moldova.md", "topics/moldova.md", True),
        ("topics/moldova", "topics/moldova.md", True),
        ("map.png", "img/map.png", True),
        ("v1.2 notes", "v1.2 notes.md", True),
        ("./sibling", "videos/sibling.md", True),
        ("../topics/moldova", "topics/moldova.md", True),
        ("missing", None, True),
        ("map", None, True),
    ],
)
def test_resolution(tmp_path: Path, target: str, expected: str | None, exact: bool) -> None:
    vault = make(tmp_path, ["topics/moldova.md", "img/map.png", "v1.2 notes.md", "videos/sibling.md", "videos/v.md"])
    resolution = vault.resolve(target, "videos/v.md")
    assert resolution.path == expected
    if expected:
        assert resolution.exact_case == exact


@pytest.mark.parametrize("target", ["../../etc/passwd", "../outside", "/../x", "topics/../../x"])
def test_targets_never_leave_the_vault(tmp_path: Path, target: str) -> None:
    vault = make(tmp_path, ["a.md"])
    resolution = vault.resolve(target, "a.md")
    assert resolution.path is None


def test_relative_targets_resolve_from_each_notes_folder(tmp_path: Path) -> None:
    vault = make(tmp_path, ["a/x.md", "b/x.md", "a/n.md", "b/n.md"])
    for target in ("./x", ".\\x"):  # a backslash counts as a slash
        assert vault.resolve(target, "a/n.md").path == "a/x.md"
        assert vault.resolve(target, "b/n.md").path == "b/x.md"  # not the answer given to a/n.md
    assert vault.resolve("x", "b/n.md").path == vault.resolve("x", "a/n.md").path == "a/x.md"


def test_ambiguous_names_list_every_candidate(tmp_path: Path) -> None:
    vault = make(tmp_path, ["a/x.md", "b/x.md"])
    assert vault.resolve("x", "n.md").candidates == ("a/x.md", "b/x.md")
    assert vault.resolve("b/x", "n.md").path == "b/x.md"


def test_hidden_files_are_not_indexed_and_symlink_loops_end(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a/n.md": "", ".hidden/h.md": "", ".obsidian/app.json": ""})
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink("/", tmp_path / "root-link")
    assert sorted(rel for rel, _ in walk_vault(tmp_path)) == ["a/n.md"]


@pytest.mark.parametrize(
    ("marker", "content"),
    [(".notecheck.toml", ""), ("pyproject.toml", "[tool.notecheck]\n"), (".obsidian", None)],
)
def test_vault_root_is_found_from_the_file(tmp_path: Path, marker: str, content: str | None) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    note = tmp_path / "deep" / "er" / "n.md"
    note.write_text("")
    if content is None:
        (tmp_path / marker).mkdir()
    else:
        (tmp_path / marker).write_text(content)
    assert find_vault_root(note, Path("/")) == tmp_path.resolve()


def test_vault_root_falls_back_to_git_then_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    note = tmp_path / "sub" / "n.md"
    note.write_text("")
    assert find_vault_root(note, tmp_path) == tmp_path.resolve()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert find_vault_root(note, tmp_path / "sub") == tmp_path.resolve()


def test_pyproject_without_our_table_is_not_a_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n")
    (tmp_path / "n.md").write_text("")
    assert find_vault_root(tmp_path / "n.md", tmp_path / "n.md") == tmp_path.resolve()
