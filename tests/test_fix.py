"""--fix never loses data: only owned spans change; endings, BOM and mode stay; idempotent."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from helpers import check, places, write_vault
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notecheck.runner.fixer import FileChanged, write_atomically

SPACED = "See [[topic | Topic]] and [[topic.md]] at [7:05].\n"
FIXED = "See [[topic|Topic]] and [[topic]] at [00:07:05].\n"
COMPACT = '[links]\npipe-style = "compact"\n'  # SPACED's one aliased link is spaced: "consistent" would keep it


def test_fix_keeps_crlf_bom_and_mode(tmp_path: Path) -> None:
    raw = (
        "\ufeff---\r\ntitle: T\r\nvideoId: abcdefghijk\r\n---\r\n"
        + SPACED.replace("\n", "\r\n")
        + "last line without newline"
    ).encode()
    write_vault(tmp_path, {"n.md": raw, "topic.md": "# Topic\n", ".notecheck.toml": COMPACT})
    os.chmod(tmp_path / "n.md", 0o640)
    result = check(tmp_path, fix=True)
    assert result.fixed == 3 and result.findings == []
    expected = (
        "\ufeff---\r\ntitle: T\r\nvideoId: abcdefghijk\r\n---\r\n"
        + FIXED.replace("\n", "\r\n")
        + "last line without newline"
    ).encode()
    assert (tmp_path / "n.md").read_bytes() == expected
    assert stat.S_IMODE((tmp_path / "n.md").stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if "notecheck-tmp" in p.name]


def test_unchanged_files_are_not_written(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "[[]]\n"})
    before = (tmp_path / "n.md").stat()
    check(tmp_path, fix=True)
    after = (tmp_path / "n.md").stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_a_note_with_unreadable_front_matter_is_never_touched(tmp_path: Path) -> None:
    raw = b"---\ntitle: [broken\n---\n" + SPACED.encode()
    write_vault(tmp_path, {"n.md": raw, "topic.md": "# Topic\n", ".notecheck.toml": COMPACT})
    result = check(tmp_path, fix=True)
    assert (tmp_path / "n.md").read_bytes() == raw
    assert result.fixed == 0 and "NC302" in {f.code for f in result.findings}


def test_overlapping_fixes_converge_in_one_run(tmp_path: Path) -> None:
    table = "| a | b |\n|---|---|\n| [[topic | Topic]] | x |\n"
    write_vault(tmp_path, {"n.md": table, "topic.md": "# Topic\n", ".notecheck.toml": COMPACT})
    result = check(tmp_path, fix=True)
    assert (tmp_path / "n.md").read_text() == "| a | b |\n|---|---|\n| [[topic\\|Topic]] | x |\n"
    assert result.findings == []


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "See [[moldva#History|the history]].\n", "moldova.md": "## History\n"})
    check(tmp_path, fix=True)
    assert (tmp_path / "n.md").read_text() == "See [[moldva#History|the history]].\n"
    result = check(tmp_path, fix=True, unsafe_fixes=True)
    assert (tmp_path / "n.md").read_text() == "See [[moldova#History|the history]].\n"
    assert result.findings == []


def test_refuses_to_overwrite_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"old")
    with pytest.raises(FileChanged):
        write_atomically(path, b"what we read earlier", "new", bom=False)
    assert path.read_bytes() == b"old"


def test_diff_mode_writes_nothing(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": SPACED, "topic.md": "# Topic\n", ".notecheck.toml": COMPACT})
    result = check(tmp_path, diff=True)
    assert (tmp_path / "n.md").read_text() == SPACED
    assert result.diffs and "+See [[topic|Topic]]" in result.diffs[0]


# Property tests over generated notes -------------------------------------------------

LINKS = st.sampled_from(
    [
        "[[topic]]",
        "[[topic | Topic]]",
        "[[ topic ]]",
        "[[topic.md]]",
        "[[topic|topic]]",
        "[[Topic]]",
        "[[topic#Part|x]]",
        "![[pic.png]]",
        "[[]]",
        "[[topic#^b1 | b]]",
        "[[moldva]]",
    ]
)
CITATIONS = st.sampled_from(
    ["[00:01:02]", "[1:02]", "[0:01:02;0:02:00]", "[00:4:75]", "[3:11](https://youtu.be/abcdefghijk?t=9)"]
)
WORDS = st.sampled_from(["Moldova", "war", "in 1992", "the", "ceasefire", "|", "#", "*x*", "`[[code | span]]`"])
INLINE = st.lists(st.one_of(LINKS, CITATIONS, WORDS), min_size=1, max_size=8).map(" ".join)
BLOCKS = st.one_of(
    INLINE,
    INLINE.map(lambda s: "## " + s),
    INLINE.map(lambda s: "> " + s),
    INLINE.map(lambda s: "- " + s),
    st.tuples(LINKS, LINKS).map(lambda p: f"| {p[0]} | {p[1]} |\n|---|---|\n| {p[1]} | x |"),
    INLINE.map(lambda s: "```\n" + s + "\n```"),
    INLINE.map(lambda s: "<!-- " + s + " -->"),
)
FRONT = st.sampled_from(["", "---\ntitle: T\nvideoId: abcdefghijk\n---\n", '---\nup: "[[topic | Topic]]"\n---\n'])


@st.composite
def notes(draw: st.DrawFn) -> bytes:
    text = draw(FRONT) + "\n\n".join(draw(st.lists(BLOCKS, min_size=1, max_size=6))) + draw(st.sampled_from(["", "\n"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.booleans())
    return (("\ufeff" if bom else "") + text.replace("\n", newline)).encode()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes())
def test_fix_properties(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        write_vault(
            root,
            {
                "n.md": raw,
                "topic.md": "# Topic\n## Part\nx ^b1\n",
                "moldova.md": "# M\n",
                "pic.png": b"",
                ".notecheck.toml": COMPACT,
            },
        )
        first = check(root, fix=True)
        assert not [f for f in first.findings if f.code in ("NC001", "NC002")]
        once = (root / "n.md").read_bytes()
        second = check(root, fix=True)
        assert (root / "n.md").read_bytes() == once, "a second --fix changed the file"
        assert second.fixed == 0
        assert not [f for f in second.findings if f.fix and f.fix.applicability == "safe"]
        assert once.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
        before_lines = raw.split(b"\n")
        after_lines = once.split(b"\n")
        assert len(before_lines) == len(after_lines)
        assert once.count(b"\r\n") == raw.count(b"\r\n")
        for old, new in zip(before_lines, after_lines, strict=True):
            if old != new:
                assert b"[" in old, "a line without links or citations changed"
        for finding in first.findings:
            assert 1 <= finding.span.line <= len(after_lines)


def test_findings_point_at_their_text(tmp_path: Path) -> None:
    text = "---\ntitle: T\nvideoId: abcdefghijk\n---\nx [[ a ]] y [7:05] z [[]] [00:4:75]\n"
    write_vault(tmp_path, {"n.md": text, "a.md": "# a\n"})
    found = check(tmp_path).findings
    line = text.splitlines()[4]
    pieces = {f.code: line[f.span.column - 1 : f.span.end_column - 1] for f in found}
    assert pieces == {"NC104": "[[ a ]]", "NC201": "[7:05]", "NC107": "[[]]", "NC202": "00:4:75"}
    assert places(found)[0] == ("n.md", 5, 3, "NC104")
