"""The enabled rules of one run, instantiated with their family options."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from notecheck.config import Config
from notecheck.registry import Rule, all_rules


@dataclass
class RuleSet:
    """The enabled rules of one run, instantiated with their family options."""

    config: Config
    rules: list[Rule] = field(default_factory=list)
    by_token: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    enabled: set[str] = field(default_factory=set)
    needs: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, config: Config, enabled: set[str], root: Path) -> RuleSet:
        ruleset = cls(config)
        for code, rule_cls in all_rules().items():
            if code in enabled:
                settings = config.table(rule_cls.family)
                rule_cls.validate_settings(settings, root)
                rule = rule_cls(settings)
                ruleset.needs |= rule_cls.needs
                ruleset.rules.append(rule)
                for kind in rule_cls.tokens:
                    ruleset.by_token[kind].append(rule)
        ruleset.enabled = enabled
        return ruleset
