"""The enabled rules of one run, instantiated with their family options."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notecheck.config import Config
from notecheck.engine.reads import Extraction, Input
from notecheck.engine.registry import FAMILIES, Rule, all_rules


@dataclass
class RuleSet:
    """The enabled rules of one run, instantiated with their family options."""

    config: Config
    rules: list[Rule] = field(default_factory=list)
    by_token: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    enabled: set[str] = field(default_factory=set)
    reads: set[Input] = field(default_factory=set)  # what the enabled rules read, of what the vault holds
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # every family's options
    transcripts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # video id -> transcript files

    @classmethod
    def build(cls, config: Config, enabled: set[str], root: Path, files: list[str] | None = None) -> RuleSet:
        """``files``: the vault's files, when known (an input the vault does not hold is
        not read: no transcript, no cited claims gathered)."""
        ruleset = cls(config)
        ruleset.tables = {family: config.table(family) for family in FAMILIES}
        for code, rule_cls in all_rules().items():
            if code in enabled:
                settings = config.table(rule_cls.family)
                rule_cls.validate_settings(settings, root)
                rule = rule_cls(settings)
                ruleset.reads |= {read for read in rule_cls.reads if files is None or read.present(files)}
                ruleset.rules.append(rule)
                for kind in rule_cls.tokens:
                    ruleset.by_token[kind].append(rule)
        ruleset.enabled = enabled
        if files is not None and ruleset.reads_transcripts:
            from notecheck.vault.metadata import transcripts_by_video

            ruleset.transcripts = transcripts_by_video(files)
        return ruleset

    @property
    def extractions(self) -> list[Extraction]:
        """What phase 1 gathers for the enabled rules, by name (the order gatherers run in)."""
        return sorted((read for read in self.reads if isinstance(read, Extraction)), key=lambda read: read.name)

    @property
    def needs(self) -> list[str]:
        """The extractions' names: a note's cached parse holds these and no others."""
        return [extraction.name for extraction in self.extractions]

    def only(self, needs: Iterable[str]) -> None:
        """Keep the extractions named (a worker, as the main process chose from the vault's files)."""
        wanted = set(needs)
        self.reads = {read for read in self.reads if not isinstance(read, Extraction) or read.name in wanted}

    @property
    def reads_transcripts(self) -> bool:
        """Whether phase 1 hands notes their transcripts: then a cached parse is current
        only while those files are unchanged."""
        return any(extraction.with_transcripts for extraction in self.extractions)
