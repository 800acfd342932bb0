"""The canonical written form of a wikilink, for NC104 and the link fixes."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"(?P<bang>!?)\[\[(?P<inner>.*)\]\]", re.DOTALL)
_PIPE = re.compile(r"\\?\|")


@dataclass(frozen=True)
class WrittenLink:
    """A wikilink's source text cut into its parts, as written."""

    bang: str
    head: str  # target and anchor, with any spaces as written
    pipe: str | None  # '|' or '\\|' (in tables), None without alias
    alias: str | None

    @classmethod
    def parse(cls, text: str) -> WrittenLink | None:
        match = _LINK.fullmatch(text)
        if not match:
            return None
        inner = match.group("inner")
        pipe = _PIPE.search(inner)
        if pipe is None:
            return cls(match.group("bang"), inner, None, None)
        return cls(match.group("bang"), inner[: pipe.start()], pipe.group(), inner[pipe.end() :])

    @property
    def head_offset(self) -> int:
        """Offset of ``head`` in the link's text."""
        return len(self.bang) + 2

    def render(self, head: str, alias: str | None, spaced: bool) -> str:
        if alias is None:
            return f"{self.bang}[[{head}]]"
        pipe = self.pipe or "|"
        separator = f" {pipe} " if spaced else pipe
        return f"{self.bang}[[{head}{separator}{alias}]]"


def canonical_head(head: str) -> str:
    """``target#anchor`` without spaces around its parts and without ``.md`` on a note target."""
    target, hash_, anchor = head.partition("#")
    target = target.strip()
    if target.lower().endswith(".md") and len(target) > 3:
        target = target[:-3]
    if not hash_:
        return target
    parts = [part.strip() for part in anchor.split("#")]
    return target + "#" + "#".join(parts)


def canonical_form(written: WrittenLink, spaced: bool) -> tuple[str, str]:
    """The canonical text of a link, and the main reason the written one differs."""
    head = canonical_head(written.head)
    alias = written.alias.strip() if written.alias is not None else None
    reason = "pipe not written as ' | '" if spaced and alias else "spaces inside the link"
    if (alias is not None and not spaced and written.alias != alias) or written.head != written.head.rstrip():
        reason = "spaces around the pipe" if alias is not None else reason
    if written.head.partition("#")[0].strip().lower().endswith(".md"):
        reason = "'.md' in a note link"
    if alias is not None and (not alias or alias == head):
        reason = "alias equal to the target" if alias else "empty alias"
        alias = None
    return written.render(head, alias, spaced), reason
