"""NC309 schema-violation: Front matter that breaks the JSON Schema named by [frontmatter] schema (off without one)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from notecheck.config import ConfigError
from notecheck.engine.registry import register
from notecheck.rules.frontmatter.common import _FrontMatterRule, _key_span, _short, _top_span, _validator

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class SchemaViolation(_FrontMatterRule):
    code = "NC309"
    name = "schema-violation"
    summary = "Front matter that breaks the JSON Schema named by [frontmatter] schema (off without one)."

    @classmethod
    def validate_settings(cls, settings: dict[str, Any], root: Path) -> None:
        if not settings["schema"]:
            return
        path = (root / settings["schema"]).resolve()
        if not path.is_relative_to(root.resolve()):
            raise ConfigError(f"[frontmatter] schema: {settings['schema']} is outside the vault; it must be inside it")
        try:
            _validator(str(path))
        except OSError as err:
            raise ConfigError(f"[frontmatter] schema: cannot read {path}: {err.strerror or err}") from None
        except ValueError as err:  # also a UnicodeDecodeError, and a $ref that points to nothing
            raise ConfigError(f"[frontmatter] schema: {path} is not a usable JSON Schema: {_short(err)}") from None
        except Exception as err:  # jsonschema's SchemaError: its message would quote the schema
            where = "/".join(str(part) for part in getattr(err, "path", ())) or "its top level"
            raise ConfigError(f"[frontmatter] schema: {path} is not a valid JSON Schema (at {where})") from None

    def check_note(self, note: NoteContext) -> None:
        schema = self.settings["schema"]
        fm = note.front_matter
        if not schema or fm.data is None:
            return
        validator = _validator(str((note.root / schema).resolve()))
        data = note.summary.front_matter
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
            path = list(error.absolute_path)
            if path and isinstance(path[0], str) and path[0] in fm.fields:
                span = _key_span(note, path[0])
            else:
                span = _top_span(note)
            where = "/".join(map(str, path)) or "front matter"
            note.report(self, span, f"{where}: {error.message}")
