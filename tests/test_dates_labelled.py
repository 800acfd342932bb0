"""A labelled set of sentences for the date rules, with measured precision and recall.

Each case is a short video note (uploaded 2022-06-10, every sentence cited) and the
findings it must give: (code, flagged text). About half the cases are correct history
written to trip a careless extractor (quantities, ages, durations, year-like numbers in
names and aliases, plans about the future); the others hold one error each.
Targets: precision 1.0, recall at least 0.9.
"""

from __future__ import annotations

from pathlib import Path

from helpers import check, write_vault

CORRECT = [
    "It covers 3,900 square kilometers (1,500 square miles) [00:00:10].",
    "Officials state a population of 50,000, but observers estimate 35,000 to 40,000 people [00:00:20].",
    "About 5.5% of the territory was affected, some 20% of Georgia [00:00:30].",
    "This arrangement continued for seventy years [00:00:40].",
    "UN Security Council Resolution 1244 was adopted after the war [00:00:50].",
    "See page 1917 of the report and section 2008 of the code [00:01:00].",
    "In 1917, the two parts of Ossetia were separated by the Russian Revolution [00:01:10].",
    "On August 7, 2008, Russia and Georgia went to war [00:01:20]. Five days later, Georgia capitulated [00:01:30].",
    "In Spring 2022, a referendum was announced [00:01:40]. Bibilov said the poll would proceed on July 17 [00:01:50].",
    "A vote will be held in 2027 [00:02:00].",
    "The government plans to hold elections in 2024 [00:02:10].",
    "The [[2008_war|2008 war]] changed everything [00:02:20].",
    "The late 1980s saw rising tensions in the Caucasus [00:02:30].",
    "By the late 18th century, Russia had expanded into the Caucasus [00:02:40].",
    "The 1992 ceasefire held for sixteen years [00:02:50].",
    "In 2022, the referendum was cancelled [00:03:00].",
    "On June 11, 2022, the decision was discussed in parliament [00:03:10].",
    "The 2014 annexation of Crimea changed the calculation [00:03:20].",
    "He was 47 years old in 1991 [00:03:30].",
    "On Saturday, November 3, 1990, the vote was held [00:03:40].",
    "On July 21, 1992, the ceasefire was signed [00:03:50]. Two months later, on September 20, talks resumed [00:04:00].",
    "The war began in 1991 [00:04:10]. The previous year, in 1990, tensions rose [00:04:20].",
    "In 1989, the Supreme Soviet voted to unite [00:04:30]. The following year, it declared a republic [00:04:40].",
    "February 29, 2008 was a leap day, and the talks went on [00:04:50].",
    "At 10:30 the troops moved towards the tunnel [00:05:00].",
    "Nearly 2,000 troops arrived in 1992 [00:05:10].",
    "The border runs for 1500 kilometers along the ridge [00:05:20].",
    "The file `2008-13-02` is only an identifier [00:05:30].",
    "In 1992, the war ended [00:05:40]. Some years later, in 1998, talks resumed [00:05:50].",
    "In August 2008, the war broke out [00:06:00]. Months later, in December 2008, aid arrived [00:06:10].",
    "A treaty was expected to be signed in March 2025 [00:06:20].",
    "In Spring 2022, tension grew [00:06:30]. On May 31, the new leader cancelled the vote [00:06:40].",
    "In 2008, the war began [00:06:50]. Twenty years earlier, in 1988, the first protests began [00:07:00].",
    "The 1990s were turbulent for the whole region [00:07:10].",
    "The region has been de facto independent since 2008 [00:07:20].",
    "The [[conflict|ceasefire]] was signed in July 1992 [00:07:30].",
    "In 2006, the [[conflict|referendum]] showed overwhelming support [00:07:40].",
    "A May 2022 poll found support for unification [00:07:50].",
    "Aug. 7, 2008 marked the start of the war [00:08:00].",
    "The 19th-century conquest ended in the 1860s [00:08:10].",
]

ERRORS = [
    ("On February 30, 1994, the vote took place [00:10:10].", "NC401", "February 30, 1994"),
    ("The treaty of 31 April 2001 was signed in the capital [00:10:20].", "NC401", "31 April 2001"),
    ("The decree dated 2008-13-02 was annulled [00:10:30].", "NC401", "2008-13-02"),
    ("On February 29, 2019, troops moved north [00:10:40].", "NC401", "February 29, 2019"),
    ("On June 31, 1992, the fighting stopped [00:10:50].", "NC401", "June 31, 1992"),
    ("In 1993, the war ended [00:11:00]. On September 31 the talks began [00:11:10].", "NC401", "September 31"),
    ("On 30 February 1995, the army withdrew [00:11:20].", "NC401", "30 February 1995"),
    ("The decree of April 31, 1990 was never published [00:11:30].", "NC401", "April 31, 1990"),
    ("On Sunday, November 3, 1990, the vote was held [00:11:40].", "NC402", "Sunday, November 3, 1990"),
    ("On Monday, August 7, 2008, the war began [00:11:50].", "NC402", "Monday, August 7, 2008"),
    ("On Friday, 21 July 1992, the ceasefire was signed [00:12:00].", "NC402", "Friday, 21 July 1992"),
    (
        "In 2008, the war began [00:12:10]. On Tuesday, August 7 the troops moved [00:12:20].",
        "NC402",
        "Tuesday, August 7",
    ),
    (
        "On July 21, 1992, the ceasefire was signed [00:12:30]. Two months later, on July 30, talks resumed [00:12:40].",
        "NC403",
        "July 30",
    ),
    ("The war began in 1991 [00:12:50]. The previous year, in 1985, tensions rose [00:13:00].", "NC403", "1985"),
    (
        "On August 7, 2008, the war began [00:13:10]. Five days later, on August 20, Georgia gave up [00:13:20].",
        "NC403",
        "August 20",
    ),
    (
        "In March 1992, fighting began [00:13:30]. Four months later, in December 1992, a ceasefire followed [00:13:40].",
        "NC403",
        "December 1992",
    ),
    (
        "In 2003, a new president came to power [00:13:50]. Two years later, in 2009, fighting resumed [00:14:00].",
        "NC403",
        "2009",
    ),
    (
        "On May 1, 2010, talks opened [00:14:10]. A week later, on June 20, they collapsed [00:14:20].",
        "NC403",
        "June 20",
    ),
    (
        "In 1991, independence was declared [00:14:30]. Years later, in 1985, it was annulled [00:14:40].",
        "NC403",
        "1985",
    ),
    ("In 1990, protests began [00:14:50]. The following year, in 1995, a war broke out [00:15:00].", "NC403", "1995"),
    (
        "On August 7, 2008, fighting began [00:15:10]. Two weeks later, on October 1, Moscow recognized them [00:15:20].",
        "NC403",
        "October 1",
    ),
    (
        "In 1921, the Red Army arrived [00:15:30]. Seventy years later, in 1951, the Soviet Union collapsed [00:15:40].",
        "NC403",
        "1951",
    ),
    ("In March 2023, a new law was passed [00:15:50].", "NC404", "March 2023"),
    ("On September 1, 2022, the border was closed [00:16:00].", "NC404", "September 1, 2022"),
    ("The 2024 elections were won by the opposition [00:16:10].", "NC404", "2024"),
    ("In 2025, Russia annexed the region [00:16:20].", "NC404", "2025"),
    ("In autumn 2022, protests broke out in the capital [00:16:30].", "NC404", "autumn 2022"),
    ("On July 4, 2022, the parliament voted for union [00:16:40].", "NC404", "July 4, 2022"),
    ("The [[conflict|ceasefire]] was signed in 1993 [00:16:50].", "NC405", "1993"),
    ("The [[conflict|referendum]] took place in March 2007 [00:17:00].", "NC405", "March 2007"),
]

TIMELINE = """---
title: Conflict
timeline:
  - date: 1992-07-21
    event: ceasefire agreement
    match: [ceasefire]
  - date: 2006-09-17
    event: independence referendum
    match: [referendum]
---
# Conflict
"""


def video_note(index: int, text: str) -> str:
    video_id = f"vid{index:08d}"
    return f"---\ntitle: Case {index}\nvideoId: {video_id}\nuploadDate: 2022-06-10\n---\n{text}\n"


def test_labelled_set_precision_and_recall(tmp_path: Path) -> None:
    cases = [(text, None, None) for text in CORRECT] + list(ERRORS)
    files = {f"case{index:03d}.md": video_note(index, text) for index, (text, _, _) in enumerate(cases)}
    write_vault(tmp_path, {**files, "conflict.md": TIMELINE})
    result = check(tmp_path, select=["NC4"])
    found = set()
    for finding in result.findings:
        line = (tmp_path / finding.path).read_text(encoding="utf-8").splitlines()[finding.span.line - 1]
        found.add((finding.path, finding.code, line[finding.span.column - 1 : finding.span.end_column - 1]))
    expected = {(f"case{index:03d}.md", code, text) for index, (_, code, text) in enumerate(cases) if code}
    true_positives = len(found & expected)
    precision = true_positives / len(found) if found else 1.0
    recall = true_positives / len(expected)
    sentences = sum(text.count("[00:") for text, _, _ in cases)
    print(
        f"labelled set: {sentences} sentences, {len(expected)} errors; precision {precision:.3f}, recall {recall:.3f}"
    )
    assert sentences >= 60 and len(CORRECT) * 2 >= len(cases)
    assert found - expected == set(), "false findings"
    assert precision == 1.0
    assert recall >= 0.9, sorted(expected - found)


def test_the_seed_gives_no_date_finding_even_with_its_upload_date(tmp_path: Path) -> None:
    seed = Path(__file__).parent / "data" / "seed" / "History of South Ossetias independence movements.md"
    write_vault(tmp_path, {seed.name: seed.read_text(encoding="utf-8")})
    (tmp_path / "x [2QMKJlu5J8M].info.json").write_text('{"id": "2QMKJlu5J8M", "upload_date": "20220610"}')
    result = check(tmp_path, select=["NC4"])
    assert result.findings == []
