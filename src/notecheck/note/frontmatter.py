"""Front matter with the line and column of every key and value.

python-frontmatter loads the YAML (through its ``YAMLHandler``, with our loader);
we split the block ourselves because its boundary regex can swallow blank lines,
which would shift every position after them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from frontmatter.default_handlers import YAMLHandler

from notecheck.model import Span

MAX_EXPANDED_NODES = 100_000  # once aliases are expanded, and more than ALIAS_GROWTH times the written nodes
MAX_EXPANDED_BYTES = 16 << 20  # characters of scalars once aliases are expanded, and ALIAS_GROWTH times the text (H-1)
ALIAS_GROWTH = 4
_HANDLER = YAMLHandler()


@dataclass
class FieldInfo:
    """Where a top-level key and its value stand in the file."""

    key_span: Span
    value_span: Span
    node: yaml.Node


@dataclass
class FrontMatterProblem:
    message: str
    line: int
    column: int = 1


@dataclass
class FrontMatter:
    present: bool = False
    start_line: int = 1  # line of the opening ---
    end_line: int = 0  # line of the closing --- (0 when absent or never closed)
    data: dict[str, Any] | None = None
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    problems: list[FrontMatterProblem] = field(default_factory=list)
    duplicates: list[tuple[str, Span, int]] = field(default_factory=list)
    root: yaml.Node | None = None

    # Where each line of the YAML text starts, when YAML counts lines otherwise than the
    # file does (it also breaks at U+0085, U+2028 and U+2029): marks are then placed by
    # their character index. None: YAML's line and column are the file's.
    line_starts: list[int] | None = None

    @property
    def body_start(self) -> int:
        """Number of lines before the body (the front matter block, fences included)."""
        return self.end_line

    def file_line(self, body_line: int) -> int:
        """The file's 1-based line of a 0-based line of the body (a block token's map)."""
        return self.end_line + body_line + 1

    def position(self, mark: yaml.Mark) -> tuple[int, int]:
        """The file's 1-based (line, column) of a YAML mark."""
        first = self.start_line + 1
        if self.line_starts is None:
            return mark.line + first, mark.column + 1
        index = bisect_right(self.line_starts, mark.index) - 1
        return index + first, mark.index - self.line_starts[index] + 1

    def mark_to_span(self, start: yaml.Mark, end: yaml.Mark) -> Span:
        return Span(*self.position(start), *self.position(end))


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it

# Numbers as YAML 1.2's core schema reads them (Obsidian's YAML), not YAML 1.1's (W-9):
# no sexagesimal ``1:30:00``, ``010`` is ten, ``1e3`` is a number, ``0b1010`` a string.
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_INT_12 = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_12 = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """SafeLoader's implicit resolvers without timestamps (dates stay strings) and with
    YAML 1.2's numbers."""
    kept = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:timestamp", _INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    for first in "-+0123456789.":
        numbers = [(_INT, _INT_12)] if first != "." else []
        kept[first] = [*numbers, (_FLOAT, _FLOAT_12), *kept.get(first, [])]
    return kept


def _int_12(_loader: Any, node: yaml.ScalarNode) -> int:
    value = node.value
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value)


def _float_12(_loader: Any, node: yaml.ScalarNode) -> float:
    value = node.value.lower()
    if value.endswith("inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    if value.endswith("nan"):
        return float("nan")
    return float(value)


class _PositionLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """A safe loader that records duplicate keys and refuses alias bombs.

    Dates stay strings: a bad date (``2024-02-30``) is a finding about one field
    (NC307), not a reason to drop the whole block.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = _resolvers()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, yaml.Node, yaml.Node]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Keys are compared as the property names Obsidian shows (W-8): ``1`` and ``"1"``
        are one property, and so are ``null`` and ``~``; ``<<`` merges are not keys."""
        seen: dict[str, yaml.Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                key = _property_name(self.construct_object(key_node))
                if key in seen:
                    self.duplicates.append((key_node.value, seen[key], key_node))
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def _property_name(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _expanded_size(root: yaml.Node) -> tuple[int, int, int]:
    """Nodes and characters of scalars once aliases are expanded (both capped), and the
    distinct nodes (memoised, cycle-safe): a few aliases of one long string amplify
    characters, not nodes (H-1)."""
    sizes: dict[int, tuple[int, int]] = {}
    visiting: set[int] = set()

    def size(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in visiting:
            raise ValueError("recursive alias")
        visiting.add(key)
        nodes, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        children = node.value if isinstance(node, yaml.SequenceNode) else ()
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        for child in children:
            child_nodes, child_chars = size(child)
            nodes, chars = nodes + child_nodes, chars + child_chars
        visiting.discard(key)
        sizes[key] = (min(nodes, MAX_EXPANDED_NODES + 1), min(chars, MAX_EXPANDED_BYTES + 1))
        return sizes[key]

    nodes, chars = size(root)
    return nodes, chars, len(sizes)


def split_lines(lines: list[str]) -> tuple[int, int] | None:
    """(opening, closing) 0-based line indexes of the front matter block; closing -1 if unclosed."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return 0, index
    return 0, -1


def parse_front_matter(lines: list[str]) -> FrontMatter:
    """Split and load the front matter of a note given as lines."""
    bounds = split_lines(lines)
    if bounds is None:
        return FrontMatter()
    _, closing = bounds
    fm = FrontMatter(present=True)
    if closing < 0:
        fm.problems.append(FrontMatterProblem("front matter is never closed with '---'", 1, 1))
        return fm
    fm.end_line = closing + 1
    text = "\n".join(lines[1:closing])
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        starts = [0]
        for yaml_line in lines[1 : closing - 1]:
            starts.append(starts[-1] + len(yaml_line) + 1)
        fm.line_starts = starts
    loader = _PositionLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            fm.data = {}
            return fm
        expanded, chars, written = _expanded_size(root)
        if expanded > MAX_EXPANDED_NODES and expanded > ALIAS_GROWTH * written:
            raise ValueError("too many nodes once aliases are expanded (an alias bomb?)")
        if chars > MAX_EXPANDED_BYTES and chars > ALIAS_GROWTH * len(text):
            raise ValueError(
                f"more than {MAX_EXPANDED_BYTES >> 20} MB of text once aliases are expanded (an alias bomb?)"
            )
        data = _HANDLER.load(text, Loader=lambda _stream: _ReplayLoader(loader, root))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = fm.position(mark) if mark else (2, 1)
        if line >= closing + 1:  # at the end of the stream: point at the end of the last YAML line
            line = max(closing, 2)
            column = len(lines[line - 1]) + 1
        problem = (err.problem or str(err)).strip()
        fm.problems.append(FrontMatterProblem(f"invalid YAML: {problem}", line, column))
        return fm
    except (yaml.YAMLError, ValueError, RecursionError) as err:
        fm.problems.append(FrontMatterProblem(f"invalid YAML: {err}", 2, 1))
        return fm
    except (AttributeError, KeyError, TypeError, OverflowError) as err:  # a tagged value its constructor rejects
        fm.problems.append(FrontMatterProblem(f"invalid YAML: a value its tag cannot construct ({err!r})", 2, 1))
        return fm
    finally:
        loader.dispose()
    fm.root = root
    for key, first, second in loader.duplicates:
        span = fm.mark_to_span(second.start_mark, second.end_mark)
        fm.duplicates.append((key, span, fm.position(first.start_mark)[0]))
    if not isinstance(data, dict):
        kind = type(data).__name__
        fm.problems.append(FrontMatterProblem(f"front matter must be a mapping of keys, not a {kind}", 2, 1))
        return fm
    fm.data = data
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode):  # the last one wins, as in `data`
                fm.fields[key_node.value] = FieldInfo(
                    fm.mark_to_span(key_node.start_mark, key_node.end_mark),
                    fm.mark_to_span(value_node.start_mark, value_node.end_mark),
                    value_node,
                )
    return fm


_PositionLoader.add_constructor(_INT, _int_12)
_PositionLoader.add_constructor(_FLOAT, _float_12)


class _ReplayLoader:
    """Hands python-frontmatter the document we already composed, so YAML is parsed once."""

    def __init__(self, loader: _PositionLoader, root: yaml.Node) -> None:
        self._loader = loader
        self._root = root

    def get_single_data(self) -> Any:
        return self._loader.construct_document(self._root)

    def dispose(self) -> None:
        """Nothing to free: the composing loader is disposed by its owner."""
