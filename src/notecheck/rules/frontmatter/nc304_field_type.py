"""NC304 field-type: A known front matter field of the wrong type, or empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.model import clipped_repr
from notecheck.rules.frontmatter.common import _field_span, _FrontMatterRule, _string_list
from notecheck.vault.metadata import parse_duration

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class FieldType(_FrontMatterRule):
    code = "NC304"
    name = "field-type"
    summary = "A known front matter field of the wrong type, or empty."

    def check_note(self, note: NoteContext) -> None:
        data = note.front_matter.data or {}
        for key, expected, ok in (
            ("title", "a non-empty string", lambda v: isinstance(v, str) and v.strip() != ""),
            ("videoId", "a string", lambda v: isinstance(v, str)),
            ("duration", "seconds as a number or 'H:MM:SS'", lambda v: parse_duration(v) is not None),
            ("aliases", "a list of strings", _string_list),
            ("tags", "a list of strings", _string_list),
        ):
            if key in ("aliases", "tags") and data.get(key) is None:
                continue  # Obsidian writes an empty property as a bare key
            if key in data and not ok(data[key]):
                value = data[key]
                shown = "empty" if value in (None, "", []) else f"{type(value).__name__} {clipped_repr(value, 54)}"
                note.report(self, _field_span(note, key), f"'{key}' must be {expected}, not {shown}")
