"""The rule reference: one page per rule in ``rules/``, shipped inside the package."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_FENCE = re.compile(r"^(`{3,}|~{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def pages_dir() -> Path:
    """``notecheck/rule_docs`` in an installed wheel; the repository's ``rules/`` otherwise."""
    package = Path(__file__).resolve().parents[1]  # notecheck/
    shipped = package / "rule_docs"
    if shipped.is_dir():
        return shipped
    return package.parents[1] / "rules"


@dataclass
class Example:
    kind: str  # "flagged" or "pass"
    files: dict[str, str]  # path → content; the first is the note that is checked
    expected: list[tuple[str, int, int]]  # (path, line, column) of each finding of the rule
    line: int  # line of the fence in the page, for messages


@dataclass
class Page:
    code: str
    meta: dict[str, object]
    text: str
    examples: list[Example] = field(default_factory=list)


def load_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, object] = {}
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end]) or {}
    page = Page(str(meta.get("code", path.stem)), meta, text)
    for match in _FENCE.finditer(text):
        info = match.group(2).split()
        if len(info) < 2 or info[0] not in ("md", "markdown") or info[1] not in ("flagged", "pass"):
            continue
        files = _split_files(match.group(3))
        first = next(iter(files)).removesuffix(" (escaped)")
        expected = []
        for item in info[2:]:
            parts = item.rsplit(":", 2)
            where = parts[0] if len(parts) == 3 else first
            expected.append((where, int(parts[-2]), int(parts[-1])))
        page.examples.append(Example(info[1], files, expected, text.count("\n", 0, match.start()) + 1))
    return page


def _split_files(body: str) -> dict[str, str]:
    """An example is one note, or several files each opened by a line ``=== path ===``."""
    files: dict[str, str] = {}
    current = "note.md"
    lines: list[str] = []
    for line in body.splitlines(keepends=True):
        header = re.fullmatch(r"=== (.+?) ===\n?", line)
        if header:
            if lines or files or current != "note.md":
                files[current] = "".join(lines)
            current, lines = header.group(1), []
        else:
            lines.append(line)
    files[current] = "".join(lines)
    return files


def all_pages() -> dict[str, Page]:
    return {page.code: page for page in map(load_page, sorted(pages_dir().glob("NC*.md")))}


# Sections for contributors rather than users: shown by ``notecheck explain --verbose`` only.
DESIGN_SECTIONS = ("Cost", "Design")
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


def user_text(page: Page, verbose: bool = False) -> str:
    """The page as a user reads it: no front matter, no test markers (the fence's
    ``flagged 5:42``, ``=== note.md ===`` file headers), and design and cost notes only
    when ``verbose``. Still Markdown, so SARIF can carry it as the rule's help."""
    text = page.text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    if not verbose:
        text = _without_sections(text, DESIGN_SECTIONS)
    text = _FENCE.sub(_example_fence, text)
    return text.strip("\n") + "\n"


def _without_sections(text: str, names: tuple[str, ...]) -> str:
    kept, skipping, fence = [], False, None
    for line in text.splitlines(keepends=True):
        marker = re.match(r"(`{3,}|~{3,})", line)
        if marker and (fence is None or line.startswith(fence)):
            fence = None if fence else marker.group(1)
        heading = fence is None and re.match(r"## (.+)$", line.rstrip("\n"))
        if heading:
            skipping = heading.group(1).strip() in names
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _example_fence(match: re.Match[str]) -> str:
    fence, info, body = match.group(1), match.group(2).split(), match.group(3)
    if len(info) < 2 or info[0] not in ("md", "markdown") or info[1] not in ("flagged", "pass"):
        return match.group(0)
    files = _split_files(body)
    first, *others = files.items()
    out = [f"{fence}md\n{first[1]}{fence}\n"]
    for name, content in others:
        shown = name.removesuffix(" (escaped)")
        out.append(f"\nwith `{shown}` in the vault:\n\n{fence}md\n{content}{fence}\n")
    return "".join(out).rstrip("\n")
