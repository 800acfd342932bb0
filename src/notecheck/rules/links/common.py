"""What the links rules share: wikilinks (NC1xx): targets, headings, block references, formatting, ambiguity, case."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from notecheck.engine.registry import Option, Rule
from notecheck.model import Edit, Fix, Span
from notecheck.note.linkformat import WrittenLink, canonical_form
from notecheck.vault.resolve import note_name

if TYPE_CHECKING:
    from notecheck.note.summary import Heading, LinkRef, NoteSummary
    from notecheck.vault.resolve import Vault

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
        "those whose name is close to an existing note (and attachments, embeds and links that leave the "
        "vault), for vaults that keep links to notes not written yet on purpose.",
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
        """The vault's index of attachment names or of note names, made once a run."""
        return vault.once(_attachment_names if attachments else _note_names)

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


# A note's block ids and headings folded for lookups, built once per note summary (H-2,
# H-10: folding them for every link made a note linked thousands of times quadratic).
# Keyed by id() with the summary kept, so a summary read again is folded again.
_FOLDED: dict[int, tuple[NoteSummary, frozenset[str], dict[str, list[Heading]]]] = {}


def _folded(target: NoteSummary) -> tuple[frozenset[str], dict[str, list[Heading]]]:
    known = _FOLDED.get(id(target))
    if known is None or known[0] is not target:
        headings: dict[str, list[Heading]] = {}
        for heading in target.headings:
            headings.setdefault(normalize_heading(heading.text), []).append(heading)
        known = _FOLDED[id(target)] = (target, frozenset(b.lower() for b in target.block_ids), headings)
        if len(_FOLDED) > 4096:  # a vault phase visits each note's targets; old entries go
            del _FOLDED[next(iter(_FOLDED))]
    return known[1], known[2]


def has_block(target: NoteSummary, block: str) -> bool:
    """Whether the note holds the block id (``^id``), case ignored as Obsidian does."""
    return block.lower() in _folded(target)[0]


def has_heading_path(target: NoteSummary, wanted: list[str]) -> bool:
    """``[[note#A#B]]``: B must be a heading of the note with A among its enclosing headings."""
    *parents, last = [normalize_heading(part) for part in wanted]
    for heading in _folded(target)[1].get(last, ()):
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


def _attachment_names(vault: Vault) -> _NameIndex:
    return _NameIndex([rel.rsplit("/", 1)[-1] for rel in vault.files if not rel.lower().endswith(".md")])


def _note_names(vault: Vault) -> _NameIndex:
    return _NameIndex([note_name(rel) for rel in vault.notes])
