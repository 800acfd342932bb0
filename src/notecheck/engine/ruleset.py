"""The enabled rules of one run, instantiated with their family options."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notecheck.config import Config
from notecheck.engine.registry import FAMILIES, Rule, all_rules


@dataclass
class RuleSet:
    """The enabled rules of one run, instantiated with their family options."""

    config: Config
    rules: list[Rule] = field(default_factory=list)
    by_token: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    enabled: set[str] = field(default_factory=set)
    needs: set[str] = field(default_factory=set)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # every family's options
    transcripts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # video id -> transcript files

    @classmethod
    def build(cls, config: Config, enabled: set[str], root: Path, files: list[str] | None = None) -> RuleSet:
        ruleset = cls(config)
        ruleset.tables = {family: config.table(family) for family in FAMILIES}
        for code, rule_cls in all_rules().items():
            if code in enabled:
                settings = config.table(rule_cls.family)
                rule_cls.validate_settings(settings, root)
                rule = rule_cls(settings)
                ruleset.needs |= rule_cls.needs if files is None else rule_cls.needs_in(files)
                ruleset.rules.append(rule)
                for kind in rule_cls.tokens:
                    ruleset.by_token[kind].append(rule)
        ruleset.enabled = enabled
        if files is not None and "claims" in ruleset.needs:
            from notecheck.vault.metadata import transcripts_by_video

            ruleset.transcripts = transcripts_by_video(files)
        return ruleset
