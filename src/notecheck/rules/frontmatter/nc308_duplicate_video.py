"""NC308 duplicate-video: Two notes of one videoId that are one article: the same title, or nearly the same body."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from notecheck.engine.reads import EVERY_NOTE, NOTE
from notecheck.engine.registry import Option, register
from notecheck.model import Span
from notecheck.rules.frontmatter.common import _FrontMatterRule, _one_article

if TYPE_CHECKING:
    from notecheck.engine.context import VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault


@register
class DuplicateVideo(_FrontMatterRule):
    code = "NC308"
    name = "duplicate-video"
    summary = "Two notes of one videoId that are one article: the same title, or nearly the same body."
    reads = frozenset({NOTE, EVERY_NOTE})
    options: ClassVar[dict[str, Option]] = {
        **_FrontMatterRule.options,
        "one-note-per-video": Option(
            False,
            lambda value: isinstance(value, bool),
            "true or false",
            "NC308: true: any two notes with one videoId are duplicates (several articles per video are not allowed).",
        ),
    }

    def check_vault(self, notes: list[NoteSummary], vault: Vault, report: VaultReporter) -> None:
        owners = vault.videos  # once a run, not once a fixed note (H-4)
        checked = {note.rel: note for note in notes}
        strict = self.settings["one-note-per-video"]
        articles: dict[str, tuple[str, str] | None] = {}  # read once per run, only for notes sharing an id
        for video_id, rels in owners.items():
            if len(rels) < 2:
                continue
            for rel in rels:
                if rel not in checked:
                    continue
                twins = [
                    other
                    for other in rels
                    if other != rel and (strict or _one_article(vault.root, rel, other, articles))
                ]
                if not twins:
                    continue
                named = ", ".join(twins[:3]) + (f" and {len(twins) - 3} more" if len(twins) > 3 else "")
                line = checked[rel].front_matter_lines.get("videoId", 1)
                report(rel, self, Span(line, 1, line, 8), f"videoId '{video_id}' is also the video of {named}")
