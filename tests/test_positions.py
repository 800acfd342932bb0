"""Wikilink and citation tokens carry exact file positions, wherever markdown-it puts them."""

from __future__ import annotations

from notecheck.note.parser import parse_body
from notecheck.note.tokens import placed


def spans(text: str, kind: str, line_offset: int = 0) -> list[tuple[int, int, int, int, str]]:
    lines = text.split("\n")
    found = []
    tokens, _ = parse_body(lines, line_offset)
    for token in tokens:
        for child in token.children or ():
            if child.type == kind:
                ref = placed(child)
                assert ref is not None
                span = ref.span
                source = lines[span.line - 1 - line_offset][span.column - 1 : span.end_column - 1]
                found.append((span.line, span.column, span.end_line, span.end_column, source))
    return found


def test_paragraph_links_and_citations() -> None:
    text = "Intro [[a]] and [[b | B]] [00:01:02].\nNext line ![[c.png]] [1:02, 1:03]"
    assert spans(text, "wikilink") == [
        (1, 7, 1, 12, "[[a]]"),
        (1, 17, 1, 26, "[[b | B]]"),
        (2, 11, 2, 21, "![[c.png]]"),
    ]
    assert spans(text, "timestamp") == [(1, 27, 1, 37, "[00:01:02]"), (2, 22, 2, 34, "[1:02, 1:03]")]


def test_nested_blocks_keep_columns() -> None:
    text = "> - item [[q|Q]]\n>   more [[r]]\n\n1. one\n   > quoted [[s]]\n\n## Head [[t]] ##"
    assert [(line, column, source) for line, column, _, _, source in spans(text, "wikilink")] == [
        (1, 10, "[[q|Q]]"),
        (2, 10, "[[r]]"),
        (5, 13, "[[s]]"),
        (7, 9, "[[t]]"),
    ]


def test_table_cells_with_escaped_pipes() -> None:
    text = "| a | b |\n|---|---|\n| [[t\\|x]] [[t\\|x]] | [[t\\|x]] |\n| `[[no]]` | [[u]] |"
    assert spans(text, "wikilink") == [
        (3, 3, 3, 11, "[[t\\|x]]"),
        (3, 12, 3, 20, "[[t\\|x]]"),
        (3, 23, 3, 31, "[[t\\|x]]"),
        (4, 14, 4, 19, "[[u]]"),
    ]


def test_line_offset_of_front_matter_is_added() -> None:
    assert spans("See [[a]].", "wikilink", line_offset=4) == [(5, 5, 5, 10, "[[a]]")]


def test_nothing_in_code_or_comments_is_a_link_or_citation() -> None:
    text = (
        "`[[a]] [00:01:00]`\n\n```\n[[b]] [00:02:00]\n```\n\n    [[c]] [00:03:00]\n\n"
        "<!-- [[d]] [00:04:00] -->\n\ntext <!-- [[e]] --> [[f]]"
    )
    assert [source for *_, source in spans(text, "wikilink")] == ["[[f]]"]
    assert spans(text, "timestamp") == []


def test_brackets_that_are_not_citations() -> None:
    text = "- [ ] task\n- [x] done\n\nA note[^1] and [a link](http://x) and [2008] and [10.5] and [[01:02]]"
    assert spans(text, "timestamp") == []


def test_linked_citation_is_one_token() -> None:
    text = "**[3:11](https://youtu.be/abcdefghijk?t=191)** said"
    assert spans(text, "timestamp") == [(1, 3, 1, 45, "[3:11](https://youtu.be/abcdefghijk?t=191)")]
