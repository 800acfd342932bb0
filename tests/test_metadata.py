"""Video metadata from front matter, yt-dlp info files and transcripts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from helpers import check, places, write_vault

from notecheck.config import Config
from notecheck.note.summary import NoteSummary
from notecheck.vault.discovery import walk_vault
from notecheck.vault.metadata import MetadataIndex, parse_duration
from notecheck.vault.resolve import Vault
from notecheck.vault.transcripts import read_cues, read_transcript

VIDEO = "---\ntitle: Talk\nvideoId: abcdefghijk\n{extra}---\nIt ends [00:20:00].\n"

# YouTube auto-captions as yt-dlp writes them: a rolling two-line window, 10 ms hold cues,
# word timing tags.
AUTO_VTT = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.310 align:start position:0%
{space}
so<00:00:00.480><c> the</c><00:00:00.719><c> region</c>

00:00:02.310 --> 00:00:02.320 align:start position:0%
so the region


00:00:02.320 --> 00:19:58.150 align:start position:0%
so the region
broke<00:00:02.800><c> away</c>
""".format(space=" ")

SRT = """1
00:00:01,000 --> 00:00:04,000
First line.

2
00:19:55,500 --> 00:19:59,900
Last line.
"""


def index(root: Path) -> MetadataIndex:
    files = sorted(rel for rel, _ in walk_vault(root))
    return MetadataIndex(Vault(root, Config(), files))


def note(front_matter: dict) -> NoteSummary:
    return NoteSummary("v.md", front_matter=front_matter)


def test_info_json_is_matched_by_the_id_inside_not_the_title(tmp_path: Path) -> None:
    info = {"id": "abcdefghijk", "duration": 900, "upload_date": "20220614", "duration_string": "99:99"}
    write_vault(tmp_path, {"media/A retitled name [zzzzzzzzzzz].info.json": json.dumps(info)})
    meta = index(tmp_path).for_note(note({"videoId": "abcdefghijk"}))
    assert meta.duration == 900 and meta.upload_date == dt.date(2022, 6, 14)
    assert meta.duration_source == "media/A retitled name [zzzzzzzzzzz].info.json"


def test_front_matter_comes_first(tmp_path: Path) -> None:
    write_vault(tmp_path, {"x.info.json": json.dumps({"id": "abcdefghijk", "duration": 900})})
    meta = index(tmp_path).for_note(note({"videoId": "abcdefghijk", "duration": "1:00:00", "upload_date": "20200101"}))
    assert (meta.duration, meta.upload_date) == (3600, dt.date(2020, 1, 1))


def test_info_json_with_null_keys_and_broken_files(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.info.json": '{"id": "abcdefghijk", "duration": null}', "b.info.json": "{not json"})
    meta = index(tmp_path).for_note(note({"videoId": "abcdefghijk"}))
    assert meta.duration is None and meta.upload_date is None


def test_transcripts_give_a_lower_bound(tmp_path: Path) -> None:
    write_vault(tmp_path, {"subs/Talk [abcdefghijk].en.vtt": AUTO_VTT})
    meta = index(tmp_path).for_note(note({"videoId": "abcdefghijk"}))
    assert meta.duration == 1198.15 and meta.duration_is_lower_bound


def test_transcript_readers(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "a.srt": SRT,
            "b.json": json.dumps(
                [{"text": "hi", "start": 1.5, "duration": 2.0}, {"text": "end", "start": 10, "duration": 3}]
            ),
            "c.json": json.dumps({"transcript": [{"text": "hi", "start": 0, "duration": 4.25}]}),
            "d.vtt": AUTO_VTT,
        },
    )
    srt = read_cues(tmp_path / "a.srt")
    assert [(c.start, c.end, c.text, c.line) for c in srt] == [
        (1.0, 4.0, "First line.", 2),
        (1195.5, 1199.9, "Last line.", 6),
    ]
    assert [c.end for c in read_cues(tmp_path / "b.json")] == [3.5, 13.0]
    assert [c.end for c in read_cues(tmp_path / "c.json")] == [4.25]
    vtt = read_cues(tmp_path / "d.vtt")
    # the 10 ms hold cue is skipped; of the rolling window only the line with word timings stays
    assert [(c.start, c.text) for c in vtt] == [(0.0, "so the region"), (2.32, "broke away")]


def test_malformed_transcripts_are_reported_with_their_line(tmp_path: Path) -> None:
    bad_vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nfine\n\n00:00:05.000 --> soon\nbroken\n"
    write_vault(tmp_path, {"Talk [abcdefghijk].vtt": bad_vtt, "v.md": VIDEO.format(extra="")})
    transcript = read_transcript(tmp_path / "Talk [abcdefghijk].vtt")
    assert [c.text for c in transcript.cues] == ["fine"]
    assert transcript.problem is not None and transcript.problem[0] == 6
    result = check(tmp_path, select=["NC207"])
    assert places(result.findings) == [("v.md", 3, 1, "NC207")]
    assert "line 6: malformed cue timing" in result.findings[0].message


def test_past_end_uses_each_source(tmp_path: Path) -> None:
    write_vault(tmp_path, {"fm.md": VIDEO.format(extra="duration: 600\n")})
    assert places(check(tmp_path).findings) == [("fm.md", 6, 10, "NC203")]


def test_transcript_bound_has_grace(tmp_path: Path) -> None:
    write_vault(tmp_path, {"v.md": VIDEO.format(extra=""), "Talk [abcdefghijk].srt": SRT})
    assert check(tmp_path).findings == []  # 20:00 is within a minute of the last cue at 19:59.9


def test_parse_duration_forms() -> None:
    assert parse_duration(90) == 90 and parse_duration("1:30") == 90 and parse_duration("1:00:30") == 3630
    assert parse_duration("1:75") is None and parse_duration(True) is None and parse_duration("soon") is None


def test_srt_reader_keeps_lines_through_crlf_multiline_cues_and_reports_bad_timing(tmp_path: Path) -> None:
    srt = (
        "1\r\n00:00:01,000 --> 00:00:04,500\r\nFirst <i>line</i>,\r\nsecond line.\r\n\r\n"
        "2\r\n00:01:00,250 --> 00:01:02,000 X1:40\r\nMore.\r\n\r\n"
        "3\r\n00:02:00,000 -> 00:02:03,000\r\nLost.\r\n\r\n"
        "4\r\n01:00:00,000 --> 01:00:01,000\r\nLast.\r\n"
    )
    (tmp_path / "a.srt").write_bytes(srt.encode("utf-8-sig"))
    transcript = read_transcript(tmp_path / "a.srt")
    assert [(c.start, c.end, c.text, c.line) for c in transcript.cues] == [
        (1.0, 4.5, "First line, second line.", 2),
        (60.25, 62.0, "More.", 7),
        (3600.0, 3601.0, "Last.", 15),
    ]
    assert transcript.problem == (11, "malformed SRT cue timing: 00:02:00,000 -> 00:02:03,000")

    (tmp_path / "b.srt").write_text("1\n00:00:01,000 --> 00:00:0x,000\nBad.\n", encoding="utf-8")
    broken = read_transcript(tmp_path / "b.srt")
    assert broken.cues == [] and broken.problem is not None
    assert broken.problem[0] == 2 and "malformed SRT cue timing" in broken.problem[1]


def test_cue_times_in_every_form_and_hold_cues_by_whole_milliseconds(tmp_path: Path) -> None:
    vtt = (
        "WEBVTT\n\n"
        "1:02:03.5 --> 1:02:04.25\nHours in one digit, short fractions.\n\n"
        "123:00:00.000 --> 123:00:01.000\nA hundred hours and more.\n\n"
        "  7:05.120 --> 7:06.000 line:0\nMinutes in one digit, spaces in front.\n\n"
        "\u0660\u0661:00.000 --> 01:02.000\nArabic-Indic digits are digits too.\n\n"
        "00:00:00.100 --> 00:00:00.150\nExactly 50 ms: a cue (in floats, 0.15 - 0.1 < 0.05).\n\n"
        "00:00:02.350 --> 00:00:02.399\n49 ms: a hold cue.\n"
    )
    (tmp_path / "a.vtt").write_text(vtt, encoding="utf-8")
    assert [(c.start, c.end, c.text.split()[0]) for c in read_cues(tmp_path / "a.vtt")] == [
        (3723.5, 3724.25, "Hours"),
        (442800.0, 442801.0, "A"),
        (425.12, 426.0, "Minutes"),
        (60.0, 62.0, "Arabic-Indic"),
        (0.1, 0.15, "Exactly"),
    ]


def test_transcripts_are_cached_until_their_file_changes(tmp_path: Path, monkeypatch) -> None:
    import os

    from notecheck.vault import transcripts

    reads: list[str] = []
    real = transcripts.read_transcript

    def counting(path: Path, root: Path | None = None):
        reads.append(path.name)
        return real(path, root)

    monkeypatch.setattr(transcripts, "read_transcript", counting)
    transcripts.forget_recent()  # each run below starts as a new process would
    note = VIDEO.format(extra="").replace("[00:20:00]", "[00:25:00]")
    write_vault(tmp_path, {"v.md": note, "Talk [abcdefghijk].srt": SRT, "w.md": "# w\n"})
    first = check(tmp_path, select=["NC203", "NC207"])
    assert reads == ["Talk [abcdefghijk].srt"]  # once for both rules, in both phases
    transcripts.forget_recent()
    (tmp_path / "w.md").write_text("# w changed\n", encoding="utf-8")  # the vault phase runs again
    second = check(tmp_path, select=["NC203", "NC207"])
    assert reads == ["Talk [abcdefghijk].srt"]  # ... from the cached cues
    assert places(second.findings) == places(first.findings) == [("v.md", 5, 10, "NC203")]
    transcripts.forget_recent()
    transcript = tmp_path / "Talk [abcdefghijk].srt"
    transcript.write_text(SRT.replace("00:19:59,900", "00:24:30,000"), encoding="utf-8")
    os.utime(transcript, ns=(transcript.stat().st_mtime_ns + 10**9,) * 2)
    third = check(tmp_path, select=["NC203", "NC207"])
    assert reads == ["Talk [abcdefghijk].srt"] * 2  # changed: read again, and its new end counts
    assert places(third.findings) == []


def test_a_cached_note_is_checked_again_when_its_transcript_changes_or_appears(tmp_path: Path) -> None:
    """NC207 checks a note in phase 1, so its cached findings depend on the transcript."""
    import os

    note = VIDEO.format(extra="").replace("It ends [00:20:00].", "About 3,900 soldiers crossed [00:00:30].")
    said = "1\n00:00:20,000 --> 00:00:40,000\nsome 3,900 soldiers crossed.\n"
    write_vault(tmp_path, {"v.md": note, "other [bbbbbbbbbbb].srt": said})
    assert check(tmp_path, select=["NC207"]).findings == []  # no transcript of this video yet
    transcript = tmp_path / "Talk [abcdefghijk].srt"
    transcript.write_text(said.replace("3,900", "4,100"), encoding="utf-8")
    appeared = check(tmp_path, select=["NC207"])
    assert places(appeared.findings) == [("v.md", 5, 7, "NC207")]
    assert "'3,900' is not said in the transcript" in appeared.findings[0].message
    transcript.write_text(said, encoding="utf-8")
    os.utime(transcript, ns=(transcript.stat().st_mtime_ns + 10**9,) * 2)
    assert check(tmp_path, select=["NC207"]).findings == []  # corrected: the cached finding is gone
    transcript.unlink()
    assert check(tmp_path, select=["NC207"]).findings == []
