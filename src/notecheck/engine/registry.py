"""Rules declare what they are and what they want; the engine finds them here.

A rule is a class with a code, a name, a summary, a default severity, whether it can
fix, the token types it wants and what it reads (``notecheck.engine.reads``). Phase 1
(one note) gets tokens; phase 2 (the vault) gets each note's summary and the vault
index. The engine never names a rule.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.engine.reads import NOTE, Input
from notecheck.model import Applicability, Finding, Fix, Severity, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext, NoteReport, VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@dataclass(frozen=True)
class Option:
    """One key of a family's configuration table (``[links]``, ``[timestamps]``...)."""

    default: Any
    check: Callable[[Any], bool]
    expected: str  # what a valid value looks like, for the error message
    doc: str


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    fixable: ClassVar[Applicability | None] = None
    default_enabled: ClassVar[bool] = True
    family: ClassVar[str] = "core"
    tokens: ClassVar[frozenset[str]] = frozenset()
    options: ClassVar[dict[str, Option]] = {}
    # Everything the rule reads besides its options (``notecheck.engine.reads``): the
    # runner derives from it when the rule may run, what phase 1 gathers for it, what a
    # cached parse depends on and what a replayed run must stat. Nothing else says it.
    reads: ClassVar[frozenset[Input]] = frozenset({NOTE})

    def __init__(self, settings: dict[str, Any]) -> None:
        """``settings`` is the rule family's table with defaults filled in."""
        self.settings = settings

    @classmethod
    def finding(cls, rel: str, span: Span, message: str, fix: Fix | None = None) -> Finding:
        """A finding of this rule: the one way every reporter makes one."""
        return Finding(rel, span, cls.code, cls.name, cls.severity, message, fix)

    @classmethod
    def validate_settings(cls, settings: dict[str, Any], root: Path) -> None:
        """Raise ConfigError when the settings cannot work in this vault (a missing file, say)."""

    # Phase 1: one note.
    def applies(self, note: NoteContext) -> bool:
        """Whether phase 1 runs this rule on this note at all (asked once, after front matter)."""
        return True

    def check_token(self, token: Token, note: NoteContext) -> None:
        """Called for every token whose type is in ``tokens``."""

    def check_note(self, note: NoteContext) -> None:
        """Called once per note after its tokens were walked."""

    # Phase 2: the vault.
    def check_in_vault(self, note: NoteSummary, vault: Vault, report: NoteReport) -> None:
        """Called once per checked note, after every checked note went through phase 1
        (a rule whose inputs are all ``early``: as soon as the note and the notes it links
        to did)."""

    def check_vault(self, notes: list[NoteSummary], vault: Vault, report: VaultReporter) -> None:
        """Called once per vault, for findings that compare notes with each other."""


RULES: dict[str, type[Rule]] = {}
FAMILIES = ("links", "timestamps", "frontmatter", "dates", "citations")


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in RULES:
        raise RuntimeError(f"rule code {cls.code} registered twice")
    RULES[cls.code] = cls
    return cls


@dataclass
class _Loaded:
    """What the registry worked out once: whether the rule modules are imported, and the
    family tables for a number of registered rules."""

    modules: bool = False
    options: tuple[int, dict[str, dict[str, Option]]] | None = None


_loaded = _Loaded()


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, importing the rule modules on first use."""
    if not _loaded.modules:
        _loaded.modules = True
        import notecheck.rules as package

        importlib.import_module("notecheck.engine.diagnostics")  # the engine's own codes, NC001-NC004
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if _holds_rules(module.name):
                importlib.import_module(module.name)
    return dict(sorted(RULES.items()))


def _holds_rules(name: str) -> bool:
    """Rule modules: one rule a module, ``rules/<family>/ncNNN_<name>.py``. What a family's
    rules share (``common.py``) and its grammar (``rules/dates/dating.py``) are imported by
    the rules that need them, when they need them: a warm run never loads the grammars."""
    parts = name.split(".")
    return len(parts) == 4 and re.fullmatch(r"nc\d{3}_\w+", parts[3]) is not None


def family_options() -> dict[str, dict[str, Option]]:
    """Valid keys of each family table, gathered from the rules that read them. Kept
    while no rule is registered: the vault phase asks for a table for every note."""
    if _loaded.modules and _loaded.options is not None and _loaded.options[0] == len(RULES):
        return _loaded.options[1]
    rules = all_rules()
    tables: dict[str, dict[str, Option]] = {family: {} for family in FAMILIES}
    for rule in rules.values():
        tables.setdefault(rule.family, {}).update(rule.options)
    _loaded.options = (len(rules), tables)
    return tables
