"""Front matter (NC3xx): presence, YAML, required fields, types, ids, duplicates, schemas."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.config import ConfigError
from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Span
from notecheck.note.citation import is_video_id
from notecheck.note.source import read_regular_file
from notecheck.vault.discovery import glob_spec
from notecheck.vault.metadata import parse_duration

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext, VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault

DEFAULT_DATE_FIELDS = ["uploadDate", "upload_date", "date", "created", "updated", "modified", "published"]


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _rules_entries(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(entry, dict)
        and set(entry) <= {"paths", "required"}
        and _string_list(entry.get("paths", []))
        and _string_list(entry.get("required", []))
        for entry in value
    )


class _FrontMatterRule(Rule):
    family = "frontmatter"
    options: ClassVar[dict[str, Option]] = {
        "video-notes": Option(
            [], _string_list, "a list of globs", "Paths (globs from the vault root) of notes that are video notes."
        ),
        "required": Option(
            ["title", "videoId"], _string_list, "a list of keys", "NC303: fields every video note must have."
        ),
        "rules": Option(
            [],
            _rules_entries,
            "a list of tables with 'paths' (globs) and 'required' (keys)",
            "NC303: required fields of other notes, as [[frontmatter.rules]] entries with paths and required.",
        ),
        "date-fields": Option(
            DEFAULT_DATE_FIELDS, _string_list, "a list of keys", "NC307: fields whose value must be a real date."
        ),
        "schema": Option(
            "",
            lambda value: isinstance(value, str),
            "a path to a JSON Schema file",
            "NC309: JSON Schema (draft 2020-12) that front matter must follow, relative to the vault root.",
        ),
    }


def _top_span(note: NoteContext) -> Span:
    return Span(1, 1, 1, 4) if note.front_matter.present else Span.point(1)


@register
class MissingFrontMatter(_FrontMatterRule):
    code = "NC301"
    name = "missing-front-matter"
    summary = "A video note without a front matter block."

    def check_note(self, note: NoteContext) -> None:
        if not note.front_matter.present and note.is_video_note:
            note.report(self, Span.point(1), "video note has no front matter block (--- ... --- at the top)")


@register
class InvalidFrontMatter(_FrontMatterRule):
    code = "NC302"
    name = "invalid-front-matter"
    summary = "Front matter that is not valid YAML, never closed, not a mapping, or uses unsafe tags."

    def check_note(self, note: NoteContext) -> None:
        for problem in note.front_matter.problems:
            note.report(self, Span.point(problem.line, problem.column), problem.message)


@register
class MissingField(_FrontMatterRule):
    code = "NC303"
    name = "missing-field"
    summary = "A required front matter field is absent."

    def check_note(self, note: NoteContext) -> None:
        fm = note.front_matter
        if fm.problems or (not fm.present and not note.is_video_note):
            return
        data = fm.data or {}
        required: list[str] = []
        if note.is_video_note and fm.present:
            required.extend(self.settings["required"])
        for entry in self.settings["rules"]:
            if glob_spec(tuple(entry.get("paths", []))).match_file(note.rel):
                required.extend(entry.get("required", []))
        for key in dict.fromkeys(required):
            if key not in data:
                note.report(self, _top_span(note), f"required field '{key}' is missing")


def _field_span(note: NoteContext, key: str) -> Span:
    info = note.front_matter.fields.get(key)
    return info.value_span if info else _top_span(note)


def _key_span(note: NoteContext, key: str) -> Span:
    info = note.front_matter.fields.get(key)
    return info.key_span if info else _top_span(note)


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
                shown = "empty" if value in (None, "", []) else f"{type(value).__name__} {value!r}"[:60]
                note.report(self, _field_span(note, key), f"'{key}' must be {expected}, not {shown}")


@register
class InvalidVideoId(_FrontMatterRule):
    code = "NC305"
    name = "invalid-video-id"
    summary = "videoId is not an 11-character YouTube id ([A-Za-z0-9_-]{11})."

    def check_note(self, note: NoteContext) -> None:
        value = (note.front_matter.data or {}).get("videoId")
        if isinstance(value, str) and value and not is_video_id(value):
            note.report(
                self,
                _field_span(note, "videoId"),
                f"videoId '{value}' is not an 11-character YouTube id ({len(value)} characters)",
            )


@register
class DuplicateKey(_FrontMatterRule):
    code = "NC306"
    name = "duplicate-key"
    summary = "The same front matter key twice; YAML keeps only the last value."

    def check_note(self, note: NoteContext) -> None:
        for key, span, first_line in note.front_matter.duplicates:
            note.report(self, span, f"key '{key}' repeats line {first_line}; the earlier value is lost")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def is_real_date(key: str, value: Any) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    try:
        if key == "upload_date" or re.fullmatch(r"\d{8}", text):
            return bool(re.fullmatch(r"\d{8}", text)) and bool(dt.date(int(text[:4]), int(text[4:6]), int(text[6:])))
        if not _ISO_DATE.fullmatch(text):
            return False
        dt.date.fromisoformat(text[:10])
        if len(text) > 10:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T"))
        return True
    except ValueError:
        return False


@register
class InvalidDateField(_FrontMatterRule):
    code = "NC307"
    name = "invalid-date-field"
    summary = "A date field (uploadDate, date, created, ...) that is not a real date."

    def check_note(self, note: NoteContext) -> None:
        data = note.front_matter.data or {}
        for key in self.settings["date-fields"]:
            if key in data and data[key] not in (None, "") and not is_real_date(key, data[key]):
                expected = "YYYYMMDD" if key == "upload_date" else "YYYY-MM-DD"
                note.report(self, _field_span(note, key), f"'{key}' is not a real date ({expected}): {data[key]!r}")


@register
class DuplicateVideo(_FrontMatterRule):
    code = "NC308"
    name = "duplicate-video"
    summary = "Two notes of one videoId that are one article: the same title, or nearly the same body."
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


def _short(err: Exception) -> str:
    """An error's first line, without the schema's content."""
    return str(err).splitlines()[0][:200] if str(err) else type(err).__name__


SAME_BODY = 90.0  # rapidfuzz ratio from which two bodies are one article written twice


def _one_article(root: Path, first: str, second: str, articles: dict[str, tuple[str, str] | None]) -> bool:
    """Whether two notes of one video are one article: the same title (case and spaces
    folded) or nearly the same body. The generator writes several topic articles per
    video, each with the video's id; those are not duplicates."""
    for rel in (first, second):
        if rel not in articles:
            articles[rel] = _article(root, rel)
    a, b = articles[first], articles[second]
    if a is None or b is None:
        return False
    if a[0] and a[0] == b[0]:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(a[1], b[1], score_cutoff=SAME_BODY) >= SAME_BODY


def _article(root: Path, rel: str) -> tuple[str, str] | None:
    """A note's title (front matter, else its file name) folded, and its body."""
    from notecheck.note.frontmatter import parse_front_matter
    from notecheck.note.source import UnreadableNote, decode, read_bytes

    try:
        source = decode(read_bytes(root / rel))
    except (OSError, UnreadableNote):
        return None
    fm = parse_front_matter(source.lines)
    title = (fm.data or {}).get("title")
    if not isinstance(title, str) or not title.strip():
        title = rel.rsplit("/", 1)[-1].removesuffix(".md")
    return " ".join(title.casefold().split()), "\n".join(source.lines[fm.body_start :]).strip()


MAX_SCHEMA_BYTES = 1 << 20


@lru_cache(maxsize=8)
def _validator(path: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = json.loads(read_regular_file(Path(path), MAX_SCHEMA_BYTES).decode("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    _check_refs(validator, schema)
    return validator


def _check_refs(validator: Any, schema: Any) -> None:
    """Resolve every ``$ref`` now: a dangling one would fail on every note (ValueError)."""
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                try:
                    with warnings.catch_warnings():  # RefResolver is deprecated, and still resolves
                        warnings.simplefilter("ignore", DeprecationWarning)
                        validator.resolver.resolve(ref)
                except Exception:
                    raise ValueError(f"its $ref {ref!r} points to nothing") from None
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)


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
