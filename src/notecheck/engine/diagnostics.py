"""The engine's own diagnostics: a rule that crashed, a file that could not be read,
and suppression comments that are wrong or useless."""

from __future__ import annotations

from notecheck.engine.registry import Rule, register


@register
class RuleError(Rule):
    code = "NC001"
    name = "rule-error"
    summary = "A rule failed with an internal error on this note; the other rules still ran."


@register
class UnreadableFile(Rule):
    code = "NC002"
    name = "unreadable-file"
    summary = "The file cannot be read as UTF-8 Markdown (binary, UTF-16, permissions, vanished)."


@register
class UnknownSuppressionCode(Rule):
    code = "NC003"
    name = "unknown-suppression-code"
    summary = "A suppression comment names a rule code that does not exist."
    severity = "warning"


@register
class UnusedSuppression(Rule):
    code = "NC004"
    name = "unused-suppression"
    summary = "A suppression comment suppressed no finding."
    severity = "warning"
