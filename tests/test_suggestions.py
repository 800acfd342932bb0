"""NC101's "did you mean": slugs meet titles, Unicode is composed, the note itself is never
suggested, and the index finds near misses among many names."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from helpers import check, write_vault

from notecheck.rules.links.common import _NameIndex


def test_a_slug_finds_the_title_and_the_fix_keeps_the_alias(tmp_path: Path) -> None:
    note = "See [[south_ossetia_and_its_political_status|South Ossetia]] and [[Prompt engineering techniques]].\n"
    write_vault(
        tmp_path,
        {
            "a.md": note,
            "South Ossetia and its political status.md": "# S\n",
            "prompt_engineering_techniques.md": "# P\n",
        },
    )
    found = check(tmp_path, "a.md").findings
    assert [(f.code, f.span.column) for f in found] == [("NC101", 5), ("NC101", 66)]
    assert found[0].message.endswith("did you mean 'South Ossetia and its political status'?")
    assert found[1].message.endswith("did you mean 'prompt_engineering_techniques'?")
    check(tmp_path, "a.md", fix=True, unsafe_fixes=True)
    fixed = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert fixed.startswith(
        "See [[South Ossetia and its political status|South Ossetia]] and [[prompt_engineering_techniques]]"
    )


def test_decomposed_file_names_meet_composed_links(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café Müller")
    write_vault(tmp_path, {"a.md": "See [[cafe_muller]] and [[café_müller]].\n", f"{decomposed}.md": "# C\n"})
    found = check(tmp_path, "a.md").findings
    assert [f.span.column for f in found] == [5, 25]
    assert found[1].message.endswith(f"did you mean '{decomposed}'?")  # NFC of the link, NFD on disk


def test_the_note_itself_is_never_suggested(tmp_path: Path) -> None:
    write_vault(tmp_path, {"Western Sahara.md": "See [[western_sahara|Western Sahara]].\n"})
    found = check(tmp_path).findings
    assert [(f.code, f.message) for f in found] == [("NC101", "note 'western_sahara' not found")]
    assert found[0].fix is None


def test_the_index_finds_near_misses_among_many_names() -> None:
    names = [f"topic {index} of the region" for index in range(20000)] + ["moldova", "economic policy of georgia"]
    index = _NameIndex(names)
    assert index.closest("topic_123_of_the_regoin") == ["topic 123 of the region"]
    assert index.closest("moldva") == ["moldova"]
    assert index.closest("economic polcy of goergia") == ["economic policy of georgia"]
    assert index.closest("invented 482911") == []
    assert len(index._candidates("topic 123 of the regoin")) < 100  # not every name
