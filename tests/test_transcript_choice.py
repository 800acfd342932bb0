"""NC207 reads the transcript in the note's language, names it, and reports a name of
several unsaid words once."""

from __future__ import annotations

from pathlib import Path

from helpers import check, places, write_vault

from notecheck.vault.metadata import in_language_order, note_language, transcript_language

EN = "1\n00:00:10,000 --> 00:00:14,000\nthe region covers three thousand nine hundred square kilometres\n"
DE = "WEBVTT\n\n00:00:10.000 --> 00:00:14.000\ndie region umfasst dreitausendneunhundert quadratkilometer\n"
NOTE = "---\ntitle: Talk\nvideoId: abcdefghijk\n{lang}---\nThe region covers 3,900 square kilometers [00:00:11].\n"


def test_language_of_a_transcript_and_of_a_note() -> None:
    assert transcript_language("subs/Talk [abcdefghijk].en.vtt") == "en"
    assert transcript_language("Talk [abcdefghijk].pt-BR.srt") == "pt"
    assert transcript_language("Talk [abcdefghijk].vtt") is None
    assert note_language({"lang": "de-DE"}) == "de" and note_language({}) == "en"
    files = ("a [x].de.vtt", "b [x].srt", "c [x].en.srt", "d [x].fr.vtt")
    assert in_language_order(files, "en") == ("c [x].en.srt", "b [x].srt", "a [x].de.vtt", "d [x].fr.vtt")
    assert in_language_order(files, "de")[:2] == ("a [x].de.vtt", "c [x].en.srt")


def test_an_english_note_reads_the_english_transcript_not_the_first_by_path(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {"talk.md": NOTE.format(lang=""), "Talk [abcdefghijk].de.vtt": DE, "Talk [abcdefghijk].en.srt": EN},
    )
    assert places(check(tmp_path, select=["NC207"]).findings) == []
    (tmp_path / "talk.md").write_text(NOTE.format(lang="").replace("3,900", "4,900"), encoding="utf-8")
    found = check(tmp_path, select=["NC207"]).findings
    assert places(found) == [("talk.md", 5, 19, "NC207")]
    assert "Talk [abcdefghijk].en.srt" in found[0].message


def test_a_german_note_reads_the_german_transcript(tmp_path: Path) -> None:
    note = NOTE.format(lang="lang: de\n").replace("The region covers 3,900 square kilometers", "Sie umfasst 4000 km²")
    write_vault(tmp_path, {"talk.md": note, "Talk [abcdefghijk].de.vtt": DE, "Talk [abcdefghijk].en.srt": EN})
    found = check(tmp_path, select=["NC207"]).findings
    assert [f.message.rsplit(" (", 1)[0] for f in found] == [
        "'4000' is not said in the transcript Talk [abcdefghijk].de.vtt"
    ]


def test_a_name_of_several_unsaid_words_is_one_finding(tmp_path: Path) -> None:
    note = NOTE.format(lang="").replace("The region covers", "Later, Mikhail Saakashvili said the region covers")
    note = note.replace("[00:00:11].", "[00:00:11]. Then Jean-Claude Juncker visited it [00:00:12].")
    write_vault(tmp_path, {"talk.md": note, "Talk [abcdefghijk].en.srt": EN})
    found = check(tmp_path, select=["NC207"]).findings
    lines = note.splitlines()
    texts = [lines[f.span.line - 1][f.span.column - 1 : f.span.end_column - 1] for f in found]
    assert texts == ["Mikhail Saakashvili", "Jean-Claude Juncker"]
    assert [(f.span.line, f.span.column) for f in found] == [(5, 8), (5, 92)]
