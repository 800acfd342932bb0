"""Summaries and findings as plain data (JSON) for the cache and the worker processes.

The cache lives in the vault folder, which others may write (a synced or shared vault, a
committed ``.notecheck_cache/``): what is read back must never be able to run code, so
it is JSON, decoded field by field into our own value classes. Anything unexpected makes
``loads`` raise ``CodecError``, which the cache treats as a miss.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from functools import partial
from typing import TYPE_CHECKING, Any

from notecheck.model import Edit, Finding, Fix, Span
from notecheck.note.summary import Heading, LinkTable, NoteSummary, Suppression
from notecheck.note.wikilink import link

if TYPE_CHECKING:
    from notecheck.rules.dates.dating import When
    from notecheck.rules.dates.facts import DatedFact

# The date grammar (and what it imports) is loaded only where a summary is decoded: a warm
# run that replays its report (``loads_result``) never needs it.


class CodecError(ValueError):
    """A cache row or worker message that is not what this version writes."""


def dumps(summary: NoteSummary) -> bytes:
    links = summary.links
    data = [
        summary.rel,
        summary.readable,
        summary.front_matter,
        summary.front_matter_lines,
        summary.front_matter_ok,
        [[h.level, h.text, h.line, list(h.parents)] for h in summary.headings],
        sorted(summary.block_ids),
        [[w.target, w.anchor, w.alias, w.embed] for w in links.links],
        links.sources,
        links.places.tolist(),
        summary.citations,
        summary.cited_times.tolist(),
        [[*place, *value] for place, value in summary.anchors.items()],
        [[s.kind, list(s.codes), list(s.span), s.target_line] for s in summary.suppressions],
        [_fact(fact) for fact in summary.facts],
        [[s.cited, s.future, list(s.links), s.text, s.line] for s in summary.sentences],
        [list(stamp) for stamp in summary.transcript_stamps],
        [list(end) for end in summary.transcript_ends],
        [finding_data(f) for f in summary.findings],
    ]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads(blob: bytes) -> NoteSummary:
    from notecheck.rules.dates.facts import SentenceInfo

    try:
        data = json.loads(blob.decode("utf-8", "surrogatepass"))
        (
            rel,
            readable,
            front_matter,
            fm_lines,
            fm_ok,
            headings,
            blocks,
            links,
            sources,
            places,
            citations,
            times,
            anchors,
            suppressions,
            facts,
            sentences,
            stamps,
            ends,
            findings,
        ) = data
        summary = NoteSummary(_str(rel))
        summary.readable = _bool(readable)
        summary.front_matter = _dict(front_matter)
        summary.front_matter_lines = {_str(key): _int(line) for key, line in _dict(fm_lines).items()}
        summary.front_matter_ok = _bool(fm_ok)
        summary.headings = [
            Heading(_int(level), _str(text), _int(line), tuple(map(_str, parents)))
            for level, text, line, parents in headings
        ]
        summary.block_ids = set(map(_str, blocks))
        wikilinks = [
            link(_str(target), _opt_str(anchor), _opt_str(alias), _bool(embed))
            for target, anchor, alias, embed in links
        ]
        texts = list(map(_str, sources))
        spans = array("i", map(_int, places))
        if not len(wikilinks) == len(texts) == len(spans) // 4 or len(spans) % 4:
            raise CodecError("links, their texts and their places differ in number")
        summary.links = LinkTable(wikilinks, texts, spans)
        summary.citations = _int(citations)
        summary.cited_times = array("l", map(_int, times))
        summary.anchors = {(_int(a), _int(b)): (_int(c), _int(d), _int(e)) for a, b, c, d, e in anchors}
        summary.suppressions = [
            Suppression(_str(kind), tuple(map(_str, codes)), _span(span), _int(target))
            for kind, codes, span, target in suppressions
        ]
        summary.facts = [_load_fact(fact) for fact in facts]
        summary.sentences = [
            SentenceInfo(_bool(cited), _bool(future), tuple(map(_str, targets)), _str(text), _int(line))
            for cited, future, targets, text, line in sentences
        ]
        summary.transcript_stamps = tuple((_str(a), _int(b), _int(c)) for a, b, c in stamps)
        summary.transcript_ends = tuple((_str(a), _opt_float(b)) for a, b in ends)
        summary.findings = [load_finding(f) for f in findings]
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeDecodeError) as err:
        raise CodecError(f"not a summary of this version: {type(err).__name__}") from None
    return summary


def finding_data(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [[[*edit.span, edit.content] for edit in f.fix.edits], f.fix.applicability]
    return [f.path, *f.span, f.code, f.name, f.severity, f.message, fix]


def load_finding(data: list[Any]) -> Finding:
    """A finding back from ``finding_data``, its types checked inline (a warm run loads
    every finding of the vault through here)."""
    path, line, column, end_line, end_column, code, name, severity, message, fix = data
    if not (
        type(line) is type(column) is type(end_line) is type(end_column) is int
        and type(path) is type(code) is type(name) is type(message) is str
        and severity in _SEVERITIES
    ):
        raise CodecError("a finding of another shape")
    loaded = None
    if fix is not None:
        edits, applicability = fix
        if applicability not in _APPLICABILITIES:
            raise CodecError(f"unknown applicability {applicability!r}")
        loaded = Fix(tuple(_edit(edit) for edit in edits), applicability)
    return Finding(path, _new_span((line, column, end_line, end_column)), code, name, severity, message, loaded)


def _edit(data: list[Any]) -> Edit:
    line, column, end_line, end_column, content = data
    if not (type(line) is type(column) is type(end_line) is type(end_column) is int and type(content) is str):
        raise CodecError("an edit of another shape")
    return Edit(_new_span((line, column, end_line, end_column)), content)


_SEVERITIES = frozenset({"error", "warning"})
_APPLICABILITIES = frozenset({"safe", "unsafe"})
_new_span = partial(tuple.__new__, Span)  # the four numbers are checked before


def dumps_result(item: tuple[str, tuple[int, ...], list[Finding]]) -> bytes:
    """One note of a run's report (the run memo): its path, counts and findings."""
    rel, counts, findings = item
    data = [rel, list(counts), [finding_data(f) for f in findings]]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads_result(blob: bytes) -> tuple[str, tuple[int, ...], list[Finding]]:
    try:
        rel, counts, findings = json.loads(blob.decode("utf-8", "surrogatepass"))
        return _str(rel), tuple(map(_int, counts)), [load_finding(f) for f in findings]
    except CodecError:
        raise
    except (ValueError, TypeError, IndexError, UnicodeDecodeError) as err:
        raise CodecError(f"not a run report of this version: {type(err).__name__}") from None


def _fact(fact: DatedFact) -> list[Any]:
    m = fact.mention
    mention = [m.kind, m.start, m.end, m.text, _when(m.when), m.problem, m.weekday, m.amount, m.unit]
    mention += [m.direction, m.before]
    return [list(fact.span), mention, _when(fact.when), fact.sentence, fact.conflict, _when(fact.anchor)]


def _load_fact(data: list[Any]) -> DatedFact:
    from notecheck.rules.dates.dating import Mention
    from notecheck.rules.dates.facts import DatedFact

    span, mention, when, sentence, conflict, anchor = data
    kind, start, end, text, m_when, problem, weekday, amount, unit, direction, before = mention
    loaded = Mention(
        _str(kind),
        _int(start),
        _int(end),
        _str(text),
        _load_when(m_when),
        _opt_str(problem),
        _opt_str(weekday),
        None if amount is None else _int(amount),
        _opt_str(unit),
        _int(direction),
        _str(before),
    )
    return DatedFact(_span(span), loaded, _load_when(when), _int(sentence), _opt_str(conflict), _load_when(anchor))


def _when(when: When | None) -> list[str] | None:
    return None if when is None else [when.start.isoformat(), when.end.isoformat(), when.granularity]


def _load_when(data: Any) -> When | None:
    from notecheck.rules.dates.dating import When

    if data is None:
        return None
    start, end, granularity = data
    return When(dt.date.fromisoformat(_str(start)), dt.date.fromisoformat(_str(end)), _str(granularity))


def _span(data: Any) -> Span:
    line, column, end_line, end_column = data
    return Span(_int(line), _int(column), _int(end_line), _int(end_column))


def _int(value: Any) -> int:
    if type(value) is not int:
        raise CodecError(f"expected a whole number, not {type(value).__name__}")
    return value


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise CodecError(f"expected true or false, not {type(value).__name__}")
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise CodecError(f"expected a string, not {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _opt_float(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise CodecError(f"expected a number, not {type(value).__name__}")
    return float(value)


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise CodecError(f"expected a table, not {type(value).__name__}")
    return value
