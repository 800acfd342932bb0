"""Configuration: selection, excludes, per-file ignores, where the file is found."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check, places, write_vault

from notecheck.config import Config, ConfigError, from_mapping


def broken(number: int) -> str:
    """A video note with a link-format, an empty-link and a timestamp-format mistake."""
    return f"---\ntitle: T\nvideoId: video{number:06d}\n---\nSee [[ n ]] and [[]] [7:05].\n"


def codes(config: Config) -> set[str]:
    return config.enabled_codes()


def test_selection_follows_ruff() -> None:
    default = codes(Config())
    assert "NC101" in default and "NC205" not in default
    assert codes(Config(select=["NC1"])) == {c for c in default if c.startswith("NC1")}
    assert "NC205" not in codes(Config(select=["NC2"]))
    assert "NC205" in codes(Config(select=["NC205"]))
    assert "NC205" in codes(Config(extend_select=["NC205"]))
    assert codes(Config(select=["NC1"], ignore=["NC104"])) == {c for c in default if c.startswith("NC1")} - {"NC104"}
    assert codes(Config(ignore=["ALL"])) == set()


def test_unknown_prefix_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown rule code or prefix 'NC9'"):
        from_mapping({"ignore": ["NC9"]}, Path("x.toml"))


def test_family_defaults_are_filled_in() -> None:
    config = from_mapping({"links": {"pipe-style": "spaced"}}, None)
    assert config.table("links") == {"pipe-style": "spaced", "unresolved": "all"}
    assert config.table("timestamps") == {"order": "section", "order-tolerance": 30, "max-length": "12:00:00"}


def test_pyproject_table_makes_the_vault_root(tmp_path: Path) -> None:
    write_vault(tmp_path, {"pyproject.toml": '[tool.notecheck]\nignore = ["NC107"]\n', "sub/n.md": broken(1)})
    (tmp_path / ".obsidian").rmdir()
    result = check(tmp_path / "sub", vault=None)  # the root is found from the file, not from the folder given
    assert [code for *_, code in places(result.findings)] == ["NC104", "NC201"]


def test_exclude_holds_for_named_files_too(tmp_path: Path) -> None:
    write_vault(tmp_path, {".notecheck.toml": 'exclude = ["drafts/**"]\n', "drafts/d.md": broken(2), "n.md": broken(3)})
    assert {path for path, *_ in places(check(tmp_path).findings)} == {"n.md"}
    assert places(check(tmp_path, "drafts/d.md").findings) == []


def test_gitignore_is_honoured_for_folders(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {".gitignore": "build/\nscratch.md\n", "build/b.md": broken(4), "scratch.md": broken(5), "n.md": broken(6)},
    )
    assert {path for path, *_ in places(check(tmp_path).findings)} == {"n.md"}


def test_per_file_ignores(tmp_path: Path) -> None:
    config = '[per-file-ignores]\n"people/**" = ["NC1"]\n'
    write_vault(tmp_path, {".notecheck.toml": config, "people/p.md": broken(7), "n.md": broken(8)})
    found = places(check(tmp_path).findings)
    assert [code for path, *_, code in found if path == "people/p.md"] == ["NC201"]
    assert [code for path, *_, code in found if path == "n.md"] == ["NC104", "NC107", "NC201"]


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    write_vault(tmp_path, {".notecheck.toml": 'select = ["NC1"]\n', "n.md": broken(9)})
    assert [c for *_, c in places(check(tmp_path).findings)] == ["NC104", "NC107"]
    assert [c for *_, c in places(check(tmp_path, select=["NC2"]).findings)] == ["NC201"]
    assert [c for *_, c in places(check(tmp_path, ignore=["NC107"]).findings)] == ["NC104"]


def test_the_semantic_mode_that_is_not_built_is_refused_not_ignored() -> None:
    assert from_mapping({"citations": {"semantic": False}}, None).table("citations")["semantic"] is False
    with pytest.raises(ConfigError, match=r"semantic.*embedding mode is not built"):
        from_mapping({"citations": {"semantic": True}}, Path("x.toml"))
