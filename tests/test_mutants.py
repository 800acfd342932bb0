"""Tests for the boundaries that deliberate one-line bugs survived before (issue 17):
NC203's one second past the length, NC404's day of publication slack, a disable comment
on its own line and on a finding's own line, and the fixer's overlapping-fix guard."""

from __future__ import annotations

from pathlib import Path

from helpers import check, places, write_vault

from notecheck.model import Edit, Fix, Span
from notecheck.note.source import decode
from notecheck.runner.fixer import apply_fixes

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
