"""Wikilinks (NC1xx): targets, headings, block references, formatting, ambiguity, case."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Edit, Fix, Span
from notecheck.note.linkformat import WrittenLink, canonical_form
from notecheck.vault.resolve import note_name

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext, VaultReporter
    from notecheck.note.summary import LinkRef, NoteSummary
    from notecheck.vault.resolve import Resolution, Vault

_NOTE_SUFFIX = re.compile(r"\.md$", re.IGNORECASE)
_HAS_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_TABLE_LINK = re.compile(r"\[\[[^\[\]\n]*?\]\]")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SUGGEST_CUTOFF = 88.0
RARE_WORD_NAMES = 64  # at least: a word shared by no more names than this picks the names to compare


def _choice(*values: str):
    return lambda value: value in values


LINK_OPTIONS = {
    "pipe-style": Option(
        "consistent",
        _choice("consistent", "compact", "spaced"),
        '"consistent", "compact" or "spaced"',
        'How an aliased link is written: "consistent" (the default) the style most aliased links of the '
        'checked notes use, a tie counting as compact; "compact" [[target|alias]] (as Obsidian writes it); '
        '"spaced" [[target | alias]].',
    ),
    "unresolved": Option(
        "all",
        _choice("typos", "all"),
        '"typos" or "all"',
        'Which links to notes that do not exist are broken: "all" (the default) every one; "typos" only '
        "those that look like a misspelt existing note or point at a heading or block, for vaults that "
        "keep links to notes not written yet on purpose.",
    ),
}


def _is_attachment(target: str) -> bool:
    return bool(_HAS_EXTENSION.search(target)) and not _NOTE_SUFFIX.search(target)


def _norm_name(name: str) -> str:
    """A name with case, '_', '-' and runs of spaces folded, Unicode composed (NFC: a vault
    synced from macOS has decomposed file names): slugs meet the titles they stand for."""
    return " ".join(re.sub(r"[_\-]+", " ", unicodedata.normalize("NFC", name).lower()).split())


@lru_cache(maxsize=1 << 18)  # a vault's distinct headings; 4,096 made NC102 fall off a cliff (H-2)
def normalize_heading(text: str) -> str:
    """Heading text as Obsidian compares it: display text, case and punctuation folded."""
    text = unicodedata.normalize("NFC", text)  # a heading typed on macOS may be decomposed
    text = re.sub(r"\[\[([^\]|]*\|)?([^\]]*)\]\]", r"\2", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\s]|_", " ", text.lower())
    return " ".join(text.split())


class _LinkRule(Rule):
    family = "links"
    options = LINK_OPTIONS


@register
class BrokenLink(_LinkRule):
    code = "NC101"
    name = "broken-link"
    summary = "Wikilink target (note or attachment) not found in the vault."
    fixable = "unsafe"
    early = True  # reads the note and the vault's file names

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target:
                continue
            resolution = vault.resolve(target, note.rel)
            if resolution.path:
                continue
            if resolution.outside:
                report(note.rel, self, ref.span, f"link target '{target}' is outside the vault")
                continue
            suggestions = [name for name in suggest(vault, target) if name != note_name(note.rel)]  # never itself
            attachment = _is_attachment(target)
            certain = attachment or ref.link.embed
            if not (certain or suggestions or self.settings["unresolved"] == "all"):
                continue
            kind = "attachment" if attachment else "note"
            message = f"{kind} '{target}' not found"
            fix = None
            if suggestions:
                message += "; did you mean " + " or ".join(f"'{name}'" for name in suggestions[:3]) + "?"
                if len(suggestions) == 1:
                    fix = _retarget(ref, suggestions[0], "unsafe")
            report(note.rel, self, ref.span, message, fix)


def suggest(vault: Vault, target: str) -> list[str]:
    """Existing names close enough to ``target`` to be what was meant, best first; the
    same folded name (a slug of a title) first of all. Kept per target for the run."""
    index = _NameIndex.of(vault, _is_attachment(target))
    found = index.suggested.get(target)
    if found is None:
        found = index.suggested[target] = index.closest(target)
    return found


class _NameIndex:
    """The vault's note (or attachment) names, folded once per run: a folded name leads
    to its names. A search compares the target with the names that share one of its
    rarer words, or, when it has none, with the names of about its length: its cost does
    not grow with the vault (a scan of every name per missing target did)."""

    def __init__(self, names: list[str]) -> None:
        self.by_folded: dict[str, list[str]] = {}
        for name in names:
            self.by_folded.setdefault(_norm_name(name), []).append(name)
        self.by_length = sorted(self.by_folded, key=len)
        self.lengths = [len(folded) for folded in self.by_length]
        self.by_word: dict[str, list[str]] = {}
        for folded in self.by_folded:
            for word in set(folded.split()):
                self.by_word.setdefault(word, []).append(folded)
        self.rare = max(RARE_WORD_NAMES, len(self.by_folded) // 100)  # a word this many names share is rare
        self.suggested: dict[str, list[str]] = {}

    @classmethod
    def of(cls, vault: Vault, attachments: bool) -> _NameIndex:
        key = "attachment-names" if attachments else "note-names"
        index = vault.shared.get(key)
        if index is None:
            if attachments:
                names = [rel.rsplit("/", 1)[-1] for rel in vault.files if not rel.lower().endswith(".md")]
            else:
                names = [note_name(rel) for rel in vault.notes]
            index = vault.shared[key] = cls(names)
        return index

    def _candidates(self, wanted: str) -> list[str]:
        postings = [self.by_word[word] for word in set(wanted.split()) if word in self.by_word]
        rare = [names for names in postings if len(names) <= self.rare]
        if rare:
            return list(dict.fromkeys(name for names in rare for name in names))
        # No rare word in common: names of about its length (a ratio of 88 allows no more).
        low = bisect_left(self.lengths, int(len(wanted) * 0.78))
        high = bisect_right(self.lengths, int(len(wanted) / 0.78) + 1)
        return self.by_length[low:high]

    def closest(self, target: str) -> list[str]:
        from rapidfuzz import fuzz, process

        wanted = _norm_name(target.rsplit("/", 1)[-1])
        if len(wanted) < 4:
            return []
        same = self.by_folded.get(wanted)
        if same:
            return sorted(set(same))
        choices = self._candidates(wanted)
        matches = process.extract(wanted, choices, scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF, limit=5)
        if not matches:
            return []
        best = matches[0][1]
        close = [name for folded, score, _ in matches if score >= best - 2 for name in self.by_folded[folded]]
        return list(dict.fromkeys(close))


def _retarget(ref: LinkRef, new_target: str, applicability: str) -> Fix | None:
    """A fix that replaces the target part of a link, keeping anchor, alias and spacing."""
    written = WrittenLink.parse(ref.source)
    if written is None or ref.span.line != ref.span.end_line:
        return None
    raw_target = written.head.partition("#")[0]
    stripped = raw_target.strip()
    start = ref.span.column + written.head_offset + raw_target.index(stripped)
    span = Span(ref.span.line, start, ref.span.line, start + len(stripped))
    return Fix((Edit(span, new_target),), applicability)  # type: ignore[arg-type]


def _target_note(ref: LinkRef, note: NoteSummary, vault: Vault) -> NoteSummary | None:
    if not ref.link.target:
        return note
    path = vault.linked_note(ref.link.target, note.rel)
    return vault.summary(path) if path is not None else None


@register
class BrokenHeading(_LinkRule):
    code = "NC102"
    name = "broken-heading"
    summary = "Wikilink '#Heading' not found in the target note."
    early = True  # reads the note and the notes it links to

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        for ref in note.links:
            wanted = ref.link.headings
            if not wanted:
                continue
            target = _target_note(ref, note, vault)
            if target is None or not target.readable:
                continue
            if not has_heading_path(target, wanted):
                where = f"'{ref.link.target}'" if ref.link.target else "this note"
                report(note.rel, self, ref.span, f"heading '{'#'.join(wanted)}' not found in {where}")


def has_block(target: NoteSummary, block: str) -> bool:
    """Whether the note holds the block id (``^id``), case ignored as Obsidian does."""
    return block.lower() in {known.lower() for known in target.block_ids}


def has_heading_path(target: NoteSummary, wanted: list[str]) -> bool:
    """``[[note#A#B]]``: B must be a heading of the note with A among its enclosing headings."""
    *parents, last = [normalize_heading(part) for part in wanted]
    for heading in target.headings:
        if normalize_heading(heading.text) != last:
            continue
        enclosing = [normalize_heading(text) for text in heading.parents]
        position = 0
        for parent in parents:
            while position < len(enclosing) and enclosing[position] != parent:
                position += 1
            if position == len(enclosing):
                break
            position += 1
        else:
            return True
    return False


@register
class BrokenBlockRef(_LinkRule):
    code = "NC103"
    name = "broken-block-ref"
    summary = "Wikilink '#^block-id' not found in the target note."
    early = True  # reads the note and the notes it links to

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        for ref in note.links:
            block = ref.link.block_id
            if block is None:
                continue
            target = _target_note(ref, note, vault)
            if target is None or not target.readable:
                continue
            if not has_block(target, block):
                where = f"'{ref.link.target}'" if ref.link.target else "this note"
                report(note.rel, self, ref.span, f"block '^{block}' not found in {where}")


@register
class LinkFormat(_LinkRule):
    code = "NC104"
    name = "link-format"
    summary = "Wikilink not written in the configured style."
    severity = "warning"
    fixable = "safe"
    early = False  # reads the note only, but finds tens a note: made as the note is reported

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._spaced: bool | None = None  # "consistent": the checked notes' style, once counted

    def check_vault(self, notes: list[NoteSummary], vault: Vault, report: VaultReporter) -> None:
        """Count the pipe styles once, over every note the run checks (before any is reported)."""
        if self.settings["pipe-style"] == "consistent" and self._spaced is None:
            self._spaced = _mostly_spaced(notes)

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        """In the vault phase, from the links phase 1 keeps anyway: a note's formatting
        findings are then made only as the note is reported, never held for the whole run
        nor stored in the cache."""
        style = self.settings["pipe-style"]
        if style == "consistent":
            spaced = self._spaced if self._spaced is not None else _mostly_spaced([note])
        else:
            spaced = style == "spaced"
        for ref in note.links:
            span = ref.span
            if span.line != span.end_line:
                continue
            advice = _link_advice(ref.source, spaced)
            if advice is not None:
                canonical, message = advice
                if not _same_target(ref, canonical, note, vault):
                    continue  # '.md' is part of the name it leads to (x.md.md): a safe fix never retargets
                report(note.rel, self, span, message, Fix((Edit(span, canonical),), "safe"))


def _same_target(ref: LinkRef, canonical: str, note: NoteSummary, vault: Vault) -> bool:
    """Whether the canonical spelling of a link leads where the written one does."""
    written, fixed = WrittenLink.parse(ref.source), WrittenLink.parse(canonical)
    if written is None or fixed is None:
        return True
    before, after = written.head.partition("#")[0].strip(), fixed.head.partition("#")[0].strip()
    return before == after or vault.resolve(before, note.rel).path == vault.resolve(after, note.rel).path


def _mostly_spaced(notes: list[NoteSummary]) -> bool:
    """Whether more aliased links of these notes are written ``[[target | alias]]`` than
    ``[[target|alias]]`` (a tie: compact, as Obsidian writes them)."""
    spaced = compact = 0
    for note in notes:
        for source in note.links.sources:
            if "|" not in source:
                continue
            written = WrittenLink.parse(source)
            if written is None or written.alias is None:
                continue
            if written.head.endswith(" ") and written.alias.startswith(" "):
                spaced += 1
            elif not written.head.endswith(" ") and not written.alias.startswith(" "):
                compact += 1
    return spaced > compact


@lru_cache(maxsize=4096)
def _link_advice(text: str, spaced: bool) -> tuple[str, str] | None:
    """(canonical text, message) for a link written otherwise; None when it is fine. Kept
    per link text: a vault writes the same links thousands of times, and its findings
    then share one message and one canonical text."""
    written = WrittenLink.parse(text)
    if written is None or not written.head.strip():
        return None
    canonical, reason = canonical_form(written, spaced)
    return None if canonical == text else (canonical, f"{reason}: write {canonical}")


@register
class AmbiguousLink(_LinkRule):
    code = "NC105"
    name = "ambiguous-link"
    summary = "Wikilink name matches several notes, so where it leads depends on Obsidian's choice."
    severity = "warning"
    early = True  # reads the note and the vault's file names

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target or "/" in target:
                continue
            resolution: Resolution = vault.resolve(target, note.rel)
            if len(resolution.candidates) > 1:
                paths = ", ".join(resolution.candidates[:4])
                report(note.rel, self, ref.span, f"'{target}' matches {len(resolution.candidates)} files: {paths}")


@register
class LinkCase(_LinkRule):
    code = "NC106"
    name = "link-case"
    summary = "Wikilink target resolves only when letter case is ignored."
    severity = "warning"
    fixable = "safe"
    early = True  # reads the note and the vault's file names

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        for ref in note.links:
            target = ref.link.target
            if not target or target.startswith(("./", "../")):
                continue
            resolution = vault.resolve(target, note.rel)
            if resolution.path is None or resolution.exact_case or len(resolution.candidates) > 1:
                continue
            segments = target.replace("\\", "/").strip("/").split("/")
            actual = "/".join(resolution.path.split("/")[-len(segments) :])
            if not target.lower().endswith(".md") and actual.lower().endswith(".md"):
                actual = actual[:-3]
            fix = _retarget(ref, actual, "safe")
            report(note.rel, self, ref.span, f"'{target}' differs in case from the file name: write '{actual}'", fix)


@register
class EmptyLink(_LinkRule):
    code = "NC107"
    name = "empty-link"
    summary = "Wikilink with nothing to link to: [[]], [[ ]], [[|alias]], [[#]]."
    tokens = frozenset({"wikilink"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        link = token.meta["link"]
        anchor = (link.anchor or "").strip("^ ")
        if not link.target and not anchor:
            note.report(self, token.meta["span"], "empty wikilink")


@register
class TablePipe(_LinkRule):
    code = "NC108"
    name = "table-pipe"
    summary = "Unescaped '|' inside a wikilink in a table row splits the table cell."
    fixable = "safe"
    tokens = frozenset({"tr_open"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        if token.map is None:
            return
        line = token.map[0] + note.front_matter.body_start + 1
        text = note.source.lines[line - 1]
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), text)
        for match in _TABLE_LINK.finditer(masked):
            for index in range(match.start(), match.end()):
                if masked[index] == "|" and masked[index - 1] != "\\":
                    span = Span(line, index + 1, line, index + 2)
                    fix = Fix((Edit(span, "\\|"),), "safe")
                    note.report(self, span, "unescaped '|' in a wikilink splits the table cell: write '\\|'", fix)
