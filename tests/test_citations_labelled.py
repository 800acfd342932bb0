"""A labelled set for NC207: cited sentences against a transcript we wrote, with measured
precision and recall. Targets: precision at least 0.95, recall at least 0.8."""

from __future__ import annotations

from pathlib import Path

from helpers import check, write_vault

# A transcript of a made-up talk, as an SRT file: (start second, text).
CUES = [
    (10, "today we look at a small breakaway region in the north of georgia"),
    (25, "south ossetia covers about three thousand nine hundred square kilometres"),
    (40, "officially fifty thousand people live there but observers think it is closer to thirty five thousand"),
    (62, "the ossetians trace their ancestry to the alans an ancient iranian people"),
    (80, "in nineteen seventeen the russian revolution separated the two parts of ossetia"),
    (101, "in nineteen twenty one the red army captured georgia"),
    (118, "the region became an autonomous oblast and that lasted seventy years"),
    (140, "in nineteen eighty nine the supreme soviet voted to unite with north ossetia"),
    (163, "in nineteen ninety one georgia tried to retake the region by force"),
    (185, "a ceasefire followed and a joint peacekeeping force was set up with russia"),
    (210, "in two thousand and three mikhail saakashvili came to power"),
    (232, "in two thousand and eight russia and georgia went to war on the seventh of august"),
    (255, "five days later georgia was forced to capitulate"),
    (270, "moscow recognized abkhazia and south ossetia about two weeks later"),
    (290, "four other countries nicaragua venezuela nauru and syria followed"),
    (312, "the territories make up about twenty percent of georgia"),
    (335, "in twenty fifteen a treaty of alliance and integration was signed"),
    (360, "in twenty twenty two anatoly bibilov announced a referendum on joining russia"),
    (385, "his successor alan gagloyev cancelled the vote on the thirty first of may"),
    (410, "dmitry peskov said the kremlin had not been consulted"),
    (430, "the referendum would have cost moscow five point five billion roubles a year"),
    (455, "around one thousand two hundred soldiers are stationed at the base"),
]


def srt(cues: list[tuple[int, str]]) -> str:
    blocks = []
    for index, (start, text) in enumerate(cues, start=1):
        end = start + 12
        blocks.append(
            f"{index}\n00:{start // 60:02d}:{start % 60:02d},000 --> 00:{end // 60:02d}:{end % 60:02d},000\n{text}\n"
        )
    return "\n".join(blocks)


SUPPORTED = [
    "South Ossetia covers about 3,900 square kilometers [00:00:26].",
    "Officially 50,000 people live there, observers say 35,000 [00:00:41].",
    "The Ossetians trace their ancestry to the Alans [00:01:03].",
    "In 1917, the Russian Revolution separated Ossetia [00:01:21].",
    "In 1921, the Red Army captured Georgia [00:01:42].",
    "The autonomous oblast lasted seventy years [00:01:59].",
    "In 1989, the Supreme Soviet voted to unite with North Ossetia [00:02:21].",
    "In 1991, Georgia tried to retake the region [00:02:44].",
    "A ceasefire created a peacekeeping force with Russia [00:03:06].",
    "In 2003, Mikhail Saakashvili came to power [00:03:31].",
    "On August 7, 2008, Russia and Georgia went to war [00:03:53].",
    "Five days later, Georgia capitulated [00:04:16].",
    "Moscow recognized Abkhazia and South Ossetia two weeks later [00:04:31].",
    "Nicaragua, Venezuela, Nauru and Syria followed [00:04:51].",
    "The territories are about 20% of Georgia [00:05:13].",
    "In 2015, a treaty of alliance was signed [00:05:36].",
    "In 2022, Anatoly Bibilov announced a referendum [00:06:01].",
    "Alan Gagloyev cancelled the vote [00:06:26].",
    "Dmitry Peskov said the Kremlin was not consulted [00:06:51].",
    "It would have cost Moscow 5.5 billion roubles a year [00:07:11].",
    "About 1,200 soldiers are stationed at the base [00:07:36].",
    "The region covers 3,900 square kilometers (1,500 square miles) [00:00:27].",
]
UNSUPPORTED = [  # (sentence, the fact that must be flagged)
    ("South Ossetia covers about 4,900 square kilometers [00:00:26].", "4,900"),
    ("Officially 60,000 people live there [00:00:41].", "60,000"),
    ("In 1918, the Russian Revolution separated Ossetia [00:01:21].", "1918"),
    ("In 1921, the Red Army captured Georgia [00:05:00].", "1921"),
    ("The autonomous oblast lasted eighty years [00:01:59].", "eighty"),
    ("In 1989, the Supreme Soviet voted to unite [00:06:30].", "1989"),
    ("In 1992, Georgia tried to retake the region [00:02:44].", "1992"),
    ("In 2003, Viktor Yushchenko came to power [00:03:31].", "Yushchenko"),
    ("In 2008, Russia and Georgia went to war [00:00:15].", "2008"),
    ("Nicaragua, Venezuela, Tuvalu and Syria followed [00:04:51].", "Tuvalu"),
    ("The territories are about 30% of Georgia [00:05:13].", "30"),
    ("In 2016, a treaty of alliance was signed [00:05:36].", "2016"),
    ("In 2022, Eduard Kokoity announced a referendum [00:06:01].", "Kokoity"),
    ("Sergei Lavrov said the Kremlin was not consulted [00:06:51].", "Lavrov"),
    ("It would have cost Moscow 7.5 billion roubles [00:07:11].", "7.5"),
    ("About 3,000 soldiers are stationed at the base [00:07:36].", "3,000"),
    ("The Ossetians trace their ancestry to the Scythians [00:01:03].", "Scythians"),
    ("South Ossetia covers about 3,900 square kilometers [00:06:00].", "3,900"),
    ("In 2015, a treaty of alliance was signed [00:01:00].", "2015"),
    ("Observers say 45,000 people live there [00:00:41].", "45,000"),
]


def test_labelled_citations_precision_and_recall(tmp_path: Path) -> None:
    sentences = [text for text in SUPPORTED] + [text for text, _ in UNSUPPORTED]
    body = "\n\n".join(sentences)
    note = f"---\ntitle: Talk\nvideoId: abcdefghijk\n---\n{body}\n"
    write_vault(tmp_path, {"talk.md": note, "subs/Talk [abcdefghijk].en.srt": srt(CUES)})
    result = check(tmp_path, select=["NC207"])
    lines = note.splitlines()
    first_line = 5
    line_of = {index: first_line + 2 * index for index in range(len(sentences))}
    unsupported = {line_of[len(SUPPORTED) + index]: fact for index, (_, fact) in enumerate(UNSUPPORTED)}
    flagged: dict[int, set[str]] = {}
    for finding in result.findings:
        text = lines[finding.span.line - 1][finding.span.column - 1 : finding.span.end_column - 1]
        flagged.setdefault(finding.span.line, set()).add(text)
    # Measured per sentence, as the rule judges sentences: a flagged sentence is right when
    # it is one of the unsupported ones and the finding names its wrong fact.
    # A name of several unsaid words is one finding ('Viktor Yushchenko' names 'Yushchenko').
    true_positive = sum(
        1
        for line, texts in flagged.items()
        if line in unsupported and any(unsupported[line] in text.split() for text in texts)
    )
    precision = true_positive / len(flagged) if flagged else 1.0
    recall = true_positive / len(unsupported)
    print(f"NC207 labelled set: {len(sentences)} cited sentences; precision {precision:.3f}, recall {recall:.3f}")
    assert len(sentences) >= 40 and len(SUPPORTED) >= len(UNSUPPORTED)
    assert precision >= 0.95, sorted(flagged.items())
    assert recall >= 0.8, sorted(set(unsupported) - set(flagged))
