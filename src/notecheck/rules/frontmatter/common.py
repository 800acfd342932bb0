"""What the frontmatter rules share: front matter (NC3xx): presence, YAML, required fields,
types, ids, duplicates, schemas."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.engine.registry import Option, Rule
from notecheck.model import Span
from notecheck.note.source import read_regular_file

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext

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


def _field_span(note: NoteContext, key: str) -> Span:
    info = note.front_matter.fields.get(key)
    return info.value_span if info else _top_span(note)


def _key_span(note: NoteContext, key: str) -> Span:
    info = note.front_matter.fields.get(key)
    return info.key_span if info else _top_span(note)


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
