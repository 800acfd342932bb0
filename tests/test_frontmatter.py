"""Front matter: exact positions (comments, blank lines, CRLF, BOM) and safe loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import check, places, write_vault

from notecheck.note.frontmatter import parse_front_matter

NOTE = """---
# a comment

title: 2008

videoId: bad id
videoId: abcdefghijk
tags: history
uploadDate: 2022-02-30
---
Body [[x |y]].
"""


@pytest.mark.parametrize(
    ("newline", "bom"),
    [("\n", False), ("\r\n", True), ("\r\n", False), ("\r", False)],
    ids=["lf", "crlf-bom", "crlf", "cr"],
)
def test_positions_hold_with_comments_blank_lines_crlf_and_bom(tmp_path: Path, newline: str, bom: bool) -> None:
    text = NOTE.replace("\n", newline)
    raw = ("\ufeff" if bom else "") + text
    write_vault(tmp_path, {"v.md": raw.encode("utf-8"), "x.md": "# x\n"})
    result = check(tmp_path)
    assert places(result.findings) == [
        ("v.md", 4, 8, "NC304"),  # title: 2008
        ("v.md", 7, 1, "NC306"),  # the second videoId
        ("v.md", 8, 7, "NC304"),  # tags: history
        ("v.md", 9, 13, "NC307"),  # uploadDate: 2022-02-30
        ("v.md", 11, 6, "NC104"),  # the body keeps its line numbers
    ]


def test_invalid_yaml_is_reported_where_yaml_says_and_the_body_is_still_checked(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "---\ntitle: ok\nbad: [a, b\nmore: x\n---\nBody [[]].\n"})
    result = check(tmp_path)
    codes = places(result.findings)
    assert codes[0][3] == "NC302" and codes[0][1] in (3, 4)
    assert ("n.md", 6, 6, "NC107") in codes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\nBody\n", "never closed"),
        ("---\n- a\n- b\n---\n", "not a list"),
        ("---\njust a string\n---\n", "not a str"),
        ("---\na: !!python/object:os.system x\n---\n", "constructor"),
        ("---\na: &a [*a]\n---\n", "recursive"),
        ("---\na:\n\tb: 1\n---\n", "invalid YAML"),
    ],
)
def test_bad_front_matter_gives_one_clear_problem(text: str, message: str) -> None:
    fm = parse_front_matter(text.split("\n"))
    assert len(fm.problems) == 1
    assert message in fm.problems[0].message
    assert fm.data is None


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(9):
        name, previous = chr(98 + level), chr(97 + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append("---")
    fm = parse_front_matter(lines)
    assert fm.problems and "alias" in fm.problems[0].message


def test_a_megabyte_of_front_matter_loads() -> None:
    lines = ["---", *(f"key{i}: value number {i}" for i in range(40_000)), "---"]
    fm = parse_front_matter(lines)
    assert not fm.problems
    assert fm.fields["key39999"].key_span.line == 40_001


def test_only_three_dashes_and_empty_files_are_quiet(tmp_path: Path) -> None:
    write_vault(tmp_path, {"dashes.md": "---", "empty.md": "", "blank.md": "---\n---\n"})
    result = check(tmp_path)
    assert places(result.findings) == [("dashes.md", 1, 1, "NC302")]


@pytest.mark.parametrize("cache", [False, True])
def test_a_duplicate_video_is_found_without_parsing_the_other_notes_when_there_is_no_cache(
    tmp_path: Path, monkeypatch, cache: bool
) -> None:
    """NC308 asks every note of the vault for its videoId. A note not checked is asked
    through its front matter alone (its parse would be thrown away), and with a cache the
    answer is kept for the next run. Either way the same findings."""
    from notecheck.runner import pool as phase1

    write_vault(
        tmp_path,
        {
            "a.md": "---\ntitle: A\nvideoId: abcdefghijk\n---\nText.\n",
            "b.md": "---\ntitle: a\nvideoId: abcdefghijk\n---\n# B\n",
            "c.md": "---\nvideoId: [not, a, string]\n---\n",
            "d.md": "---\nvideoId: abcdefghijk\n  bad: [\n---\n",  # invalid YAML: no videoId
            "e.md (escaped)": "---\\nvideoId: abcdefghijk\\n---\\n\\xff\\xfe bad bytes\\n",
            "f.markdown": "---\nvideoId: abcdefghijk\n---\n",  # not a note
        },
    )
    parsed: list[str] = []
    real_parse = phase1.Phase1._parse

    def counting(self, rel):
        parsed.append(rel)
        return real_parse(self, rel)

    monkeypatch.setattr(phase1.Phase1, "_parse", counting)
    found = check(tmp_path, "a.md", cache=cache).findings
    assert [(f.code, f.span.line, f.span.column, f.message) for f in found] == [
        ("NC308", 3, 1, "videoId 'abcdefghijk' is also the video of b.md")
    ]
    assert sorted(parsed) == ["a.md"]  # with a cache too: the other ids are read and remembered, never parsed
