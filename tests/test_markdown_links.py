"""Markdown links to notes are checked by NC101, NC102 and NC103 as wikilinks are."""

from __future__ import annotations

from pathlib import Path

from helpers import check, places, write_vault

from notecheck.note.plugins.links import note_link

VAULT = {
    "Note name.md": "# Note name\n\n## Heading\n\ntext ^blk\n",
    "folder/Note.md": "# N\n",
    "a.md": (
        "# A\n\n"
        "See [x](Note%20name.md#Heading), [y](<Note name.md>), [z](folder/Note.md), [r](./folder/Note.md), [w](#A).\n"
        "Broken [b](Missing.md), [h](Note%20name.md#Nope), [k](Note%20name.md#^blk), [kk](Note%20name.md#^zz), "
        "[self](#Nope).\n"
        "Web [u](https://example.com/x.md), [m](mailto:a@b.c), [p](doc.pdf), `[c](code.md)`.\n\n"
        "| a | b |\n|---|---|\n| x | [t](Missing2.md) |\n"
    ),
}


def test_which_destinations_are_notes() -> None:
    assert note_link("Note%20name.md#Heading").target == "Note name"  # type: ignore[union-attr]
    assert note_link("folder/Note").target == "folder/Note"  # type: ignore[union-attr]
    assert note_link("#Heading").target == ""  # type: ignore[union-attr]
    assert note_link("Note.md#%5Eblk").block_id == "blk"  # type: ignore[union-attr]
    for url in ("https://example.com/x.md", "mailto:a@b.c", "obsidian://open?x", "//host/x.md", "doc.pdf", ""):
        assert note_link(url) is None, url


def test_markdown_links_resolve_and_are_checked_with_positions(tmp_path: Path) -> None:
    write_vault(tmp_path, VAULT)
    found = check(tmp_path, "a.md").findings
    assert places(found) == [
        ("a.md", 4, 8, "NC101"),
        ("a.md", 4, 25, "NC102"),
        ("a.md", 4, 77, "NC103"),
        ("a.md", 4, 103, "NC102"),
        ("a.md", 9, 7, "NC101"),
    ]
    assert found[0].message == "note 'Missing' not found"
    assert found[3].message == "heading 'Nope' not found in this note"
    line = VAULT["a.md"].splitlines()[3]
    assert line[found[1].span.column - 1 : found[1].span.end_column - 1] == "[h](Note%20name.md#Nope)"


def test_a_markdown_link_is_never_rewritten_as_a_wikilink(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {"a.md": "See [x](note%20Name.md) and [y](Moldva.md).\n", "Note name.md": "# N\n", "moldova.md": "# M\n"},
    )
    before = (tmp_path / "a.md").read_bytes()
    result = check(tmp_path, "a.md", fix=True, unsafe_fixes=True)
    assert (tmp_path / "a.md").read_bytes() == before
    assert [f.code for f in result.findings] == ["NC106", "NC101"]
