"""Tests for the boundaries that deliberate one-line bugs survived before (issue 17):
NC203's one second past the length, NC404's day of publication slack, a disable comment
on its own line and on a finding's own line, and the fixer's overlapping-fix guard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import check, places, write_vault

from notecheck.model import Edit, Finding, Fix, Span
from notecheck.note.source import decode
from notecheck.runner.fixer import FileChanged, applicable, apply_fixes, body_fixes, write_atomically

VIDEO = "---\ntitle: T\nvideoId: abcdefghijk\n{extra}---\n{body}\n"


def test_nc203_allows_one_second_past_a_known_length_and_no_more(tmp_path: Path) -> None:
    body = "At the end [00:10:01]. Past it [00:10:02]."
    write_vault(tmp_path, {"v.md": VIDEO.format(extra="duration: 600\n", body=body)})
    assert places(check(tmp_path, select=["NC203"]).findings) == [("v.md", 6, 33, "NC203")]


def test_nc404_allows_one_day_after_publication_and_no_more(tmp_path: Path) -> None:
    body = "On March 15, 2023, the talks ended [00:00:10]. On March 16, 2023, it happened [00:00:20]."
    write_vault(tmp_path, {"v.md": VIDEO.format(extra="uploadDate: 2023-03-14\n", body=body)})
    assert places(check(tmp_path, select=["NC404"]).findings) == [("v.md", 6, 51, "NC404")]


def test_a_disable_comment_covers_the_lines_after_it_not_its_own(tmp_path: Path) -> None:
    text = "[[]]\n\n<!-- notecheck-disable NC107 -->\n\n[[]]\n\n[[]] <!-- notecheck-enable NC107 -->\n\n[[]]\n"
    write_vault(tmp_path, {"n.md": text})
    assert places(check(tmp_path).findings) == [("n.md", 1, 1, "NC107"), ("n.md", 9, 1, "NC107")]
    inline = "[[]] <!-- notecheck-disable NC107 -->\n[[]]\n"
    write_vault(tmp_path, {"n.md": inline})
    assert places(check(tmp_path).findings) == [("n.md", 1, 1, "NC107")]


def _fix(line: int, start: int, end: int, content: str) -> Fix:
    return Fix((Edit(Span(line, start, line, end), content),))


def test_overlapping_fixes_wait_and_adjacent_ones_do_not() -> None:
    source = decode(b"abcdef\n")
    adjacent = [_fix(1, 1, 3, "X"), _fix(1, 3, 5, "Y")]
    assert apply_fixes(source, adjacent) == ("XYef\n", 2)
    overlapping = [_fix(1, 1, 4, "X"), _fix(1, 3, 5, "Y")]
    assert apply_fixes(source, overlapping) == ("Xdef\n", 1)
    same_point = [_fix(1, 2, 2, "X"), _fix(1, 2, 2, "Y")]
    assert apply_fixes(source, same_point) == ("aXbcdef\n", 1)


# Found by the cosmic-ray run (scripts/mutation_run.py) over the fixer and the suppressions:
# what the fixer's writing and the suppressions' reports promise, each pinned.


def test_a_fix_on_the_closing_fence_is_a_front_matter_fix() -> None:
    source = decode(b"---\ntitle: T\n---\nbody\n")
    fence, body = _fix(3, 1, 2, "x"), _fix(4, 1, 2, "B")
    assert body_fixes(source, [fence, body]) == [body]


def test_only_safe_fixes_apply_unless_unsafe_ones_are_asked_for() -> None:
    safe, unsafe = Fix((Edit(Span.point(1), "a"),), "safe"), Fix((Edit(Span.point(1), "b"),), "unsafe")
    findings = [Finding("n.md", Span.point(1), "NC1", "x", "error", "m", fix) for fix in (safe, unsafe, None)]
    assert applicable(findings, unsafe=False) == [safe]
    assert applicable(findings, unsafe=True) == [safe, unsafe]


def test_overlap_is_found_past_the_small_integers() -> None:
    source = decode(b"x" * 600 + b"\n")
    same_point = [_fix(1, 400, 400, "A"), _fix(1, 400, 400, "B")]
    assert apply_fixes(source, same_point)[1] == 1


def test_nothing_to_write_leaves_the_file_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"same\n")
    before = path.stat()
    write_atomically(path, b"same\n", "same\n", False)
    assert path.stat().st_ino == before.st_ino and path.stat().st_mtime_ns == before.st_mtime_ns


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"theirs\n")
    with pytest.raises(FileChanged):
        write_atomically(path, b"ours\n", "fixed\n", False)
    assert path.read_bytes() == b"theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["n.md"]


def test_a_change_while_the_fix_is_written_wins_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"ours\n")
    real_fsync = os.fsync

    def someone_writes(descriptor: int) -> None:
        real_fsync(descriptor)
        path.write_bytes(b"theirs\n")  # between the temporary file and the replace

    monkeypatch.setattr(os, "fsync", someone_writes)
    with pytest.raises(FileChanged):
        write_atomically(path, b"ours\n", "fixed\n", False)
    assert path.read_bytes() == b"theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["n.md"]


def test_a_fix_keeps_the_mode_the_owner_and_the_hard_links(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"old text\n")
    path.chmod(0o751)
    owner = (1234, 1234) if os.getuid() == 0 else (os.getuid(), os.getgid())
    if os.getuid() == 0:
        os.chown(path, *owner)
    write_atomically(path, b"old text\n", "new\n", False)
    info = path.stat()
    assert (info.st_mode & 0o7777, info.st_uid, info.st_gid) == (0o751, *owner)
    other = tmp_path / "other-name.md"
    os.link(path, other)
    write_atomically(path, b"new\n", "newer text\n", False)
    assert other.read_bytes() == path.read_bytes() == b"newer text\n"
    assert path.stat().st_nlink == 2
    with pytest.raises(FileChanged):  # in place too, a file changed since it was read is left alone
        write_atomically(path, b"new\n", "x\n", False)
    assert other.read_bytes() == b"newer text\n"


def _suppression_findings(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    write_vault(tmp_path, {"n.md": text})
    return [(f.span.line, f.code, f.message) for f in check(tmp_path, select=["NC0", "NC107"]).findings]


def test_every_suppression_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (
        "<!-- notecheck-disable-nextline -->\n\n"
        "<!-- notecheck-disable-next-line NC999 -->\n\n"
        "<!-- notecheck-disable-next-line -->\nfine\n"
    )
    assert _suppression_findings(tmp_path, text) == [
        (1, "NC003", "unknown directive 'notecheck-disable-nextline'; did you mean 'notecheck-disable-next-line'?"),
        (3, "NC003", "unknown rule code NC999 in suppression comment"),
        (5, "NC004", "suppression of all rules suppressed nothing; remove it"),
    ]


def test_a_directive_like_no_other_lists_the_known_ones(tmp_path: Path) -> None:
    written = "notecheck-" + "x" * 20
    [(line, code, message)] = _suppression_findings(tmp_path, f"<!-- {written} -->\n")
    kinds = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
    known = ", ".join(f"notecheck-{kind}" for kind in kinds)
    assert (line, code, message) == (1, "NC003", f"unknown directive '{written}' (known: {known})")
