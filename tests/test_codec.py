"""The cache and the worker messages are plain data: every summary round-trips, and a row
that is not what this version writes (damaged, foreign, a pickle) is a miss that runs
nothing (SEC-1)."""

from __future__ import annotations

import dataclasses
import glob
import os
import pickle
import sqlite3
from pathlib import Path

import pytest
from helpers import check, write_vault
from labelled_citations import labelled_notes

from notecheck.config import Config
from notecheck.engine.phases import analyze_text
from notecheck.engine.ruleset import RuleSet
from notecheck.note.summary import NoteSummary
from notecheck.runner import codec

REPO = Path(__file__).resolve().parent.parent
ENCODED_FIELDS = {
    "rel", "readable", "front_matter", "front_matter_lines",
    "front_matter_ok", "headings", "block_ids", "links", "citations", "cited_times", "anchors", "suppressions",
    "facts", "sentences", "transcript_stamps", "transcript_ends", "findings",
}  # fmt: skip


def test_every_field_of_a_summary_is_encoded() -> None:
    assert {field.name for field in dataclasses.fields(NoteSummary)} == ENCODED_FIELDS


def _summaries(tmp_path: Path) -> list[NoteSummary]:
    config = Config()
    ruleset = RuleSet.build(config, config.enabled_codes(), tmp_path, [])
    notes = {note.name: note.text for note in labelled_notes()[:20]}
    for path in sorted((REPO / "examples" / "vault").rglob("*.md")):
        notes[path.name] = path.read_text(encoding="utf-8")
    notes["seed.md"] = (
        REPO / "tests" / "data" / "seed" / "History of South Ossetias independence movements.md"
    ).read_text()
    notes["dates.md"] = (
        "---\ntitle: [x\n---\nOn August 7, 2008, it began. Five days later it ended. <!-- notecheck-disable NC4 -->\n"
    )
    return [analyze_text(tmp_path, name, text.encode(), ruleset).summary for name, text in notes.items()]


def test_summaries_round_trip(tmp_path: Path) -> None:
    summaries = _summaries(tmp_path)
    assert sum(len(s.facts) for s in summaries) > 10 and sum(len(s.findings) for s in summaries) >= 10
    assert any(s.anchors for s in summaries) and any(s.suppressions for s in summaries)
    for summary in summaries:
        again = codec.loads(codec.dumps(summary))
        for field in ENCODED_FIELDS:
            assert getattr(again, field) == getattr(summary, field), (summary.rel, field)


@pytest.mark.parametrize(
    "blob",
    [b"", b"not json", b"[1, 2]", b'{"rel": "a.md"}', pickle.dumps(NoteSummary("a.md")), b'["a.md", "yes"' + b"]"],
)
def test_anything_unexpected_is_a_codec_error(blob: bytes) -> None:
    with pytest.raises(codec.CodecError):
        codec.loads(blob)


def test_sec1_a_planted_pickle_in_the_cache_never_runs(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    write_vault(vault, {"a.md": "# a\n![[x.png]]\n"})
    first = check(vault).findings
    marker = tmp_path / "PWNED"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    database = sqlite3.connect(glob.glob(str(vault / ".notecheck_cache" / "cache-*.sqlite"))[0])
    stat = (vault / "a.md").stat()
    database.execute(
        "UPDATE notes SET summary=?, size=?, mtime=? WHERE rel='a.md'",
        (pickle.dumps(Payload()), stat.st_size, stat.st_mtime_ns),
    )
    database.execute("UPDATE run_notes SET result=?", (pickle.dumps(Payload()),))
    database.commit()
    database.close()
    assert check(vault).findings == first  # the row is a miss: the note is parsed again
    assert not marker.exists()
