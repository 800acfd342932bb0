"""Map offsets in an inline token's content back to lines and columns of the file.

markdown-it strips block markers (``> ``, list indentation, table pipes) before inline
parsing and gives only line ranges. Each content line is found in its source line;
in table cells an escaped ``\\|`` reaches the content as ``|``, which we account for.
"""

from __future__ import annotations

from bisect import bisect_right

from notecheck.model import Span


class InlineMap:
    """Offsets of one inline token's content → 1-based file positions."""

    def __init__(
        self, content: str, first_line: int, source_lines: list[str], line_offset: int, cursor: int = 0
    ) -> None:
        self._starts: list[int] = []  # offset in content where each content line starts
        self._places: list[tuple[int, int, bool]] = []  # (file line, column of content start, pipes escaped)
        offset = 0
        for index, text in enumerate(content.split("\n")):
            body_line = first_line + index
            source = source_lines[body_line] if body_line < len(source_lines) else ""
            column, escaped = _find(text, source, cursor if index == 0 else 0)
            self._starts.append(offset)
            self._places.append((body_line + line_offset + 1, column, escaped))
            offset += len(text) + 1
        self._content = content
        self.end_column = 0
        if self._places:
            _, column, escaped = self._places[-1]
            last = content.split("\n")[-1]
            self.end_column = column + len(last) + (last.count("|") if escaped else 0)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of a content offset."""
        index = max(bisect_right(self._starts, offset) - 1, 0)  # a pasted transcript has thousands of lines
        line, column, escaped = self._places[index]
        within = offset - self._starts[index]
        if escaped:
            line_start = self._starts[index]
            within += self._content.count("|", line_start, line_start + within)
        return line, column + within + 1

    def span(self, start: int, end: int) -> Span:
        if len(self._places) == 1 and not self._places[0][2]:  # one line, the common case
            line, column, _ = self._places[0]
            return Span(line, column + start + 1, line, column + max(start, end) + 1)
        line, column = self.position(start)
        if end > start:
            end_line, end_column = self.position(end - 1)
            return Span(line, column, end_line, end_column + 1)
        return Span(line, column, line, column)


def _find(text: str, source: str, cursor: int) -> tuple[int, bool]:
    """0-based column where ``text`` starts in ``source``, and whether pipes were escaped."""
    if not text:
        return min(cursor, len(source)), False
    column = source.find(text, cursor) if cursor else source.rfind(text)
    if column >= 0:
        return column, False
    if "|" in text:
        escaped = text.replace("|", "\\|")
        column = source.find(escaped, cursor)
        if column >= 0:
            return column, True
    stripped = text.lstrip(" ")
    if stripped:
        column = source.rfind(stripped)
        if column >= 0:
            # The leading spaces stand for a tab of the file (markdown-it expands tabs in
            # list continuation lines, W-2): the text after them keeps its columns. The
            # base column may then be negative; no finding starts inside those spaces.
            return column - (len(text) - len(stripped)), False
    return len(source) - len(source.lstrip()), False
