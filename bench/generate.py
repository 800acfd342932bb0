#!/usr/bin/env python3
"""Write a deterministic synthetic vault shaped like the user's example note.

Video notes (8-12 KB: front matter, a From: line, sections, spaced and compact
wikilinks to topic notes, ascending citations, dated facts), topic notes and channel
notes. The same arguments always give the same bytes.

Usage: python bench/generate.py OUT_DIR --notes 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import re
import string
from pathlib import Path

WORDS = [
    "region",
    "war",
    "border",
    "treaty",
    "talks",
    "government",
    "people",
    "army",
    "leader",
    "referendum",
    "state",
    "union",
    "recognition",
    "independence",
    "conflict",
    "ceasefire",
    "parliament",
    "president",
    "minister",
    "territory",
    "population",
    "economy",
    "sanctions",
    "agreement",
    "peace",
    "support",
    "international",
    "opposition",
    "control",
    "troops",
    "capital",
    "election",
    "decree",
    "integration",
]
VERBS = [
    "declared",
    "signed",
    "rejected",
    "announced",
    "recognized",
    "opposed",
    "cancelled",
    "approved",
    "revoked",
    "demanded",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def sentence(rng: random.Random, topics: list[str], seconds: int, spaced: bool) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    topic = rng.choice(topics)
    alias = topic.replace("_", " ").title()
    link = f"[[{topic} | {alias}]]" if spaced else f"[[{topic}|{alias}]]"
    words.insert(rng.randint(0, len(words)), link)
    words.insert(rng.randint(0, len(words)), rng.choice(VERBS))
    kind = rng.random()
    if kind < 0.15:
        words.insert(0, f"In {rng.randint(1900, 2020)},")
    elif kind < 0.25:
        words.insert(0, f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1950, 2020)},")
    elif kind < 0.3:
        words.insert(0, f"{rng.choice(['Two', 'Five', 'Ten'])} days later,")
    text = " ".join(words)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{text[0].upper()}{text[1:]} [{hours:02d}:{minutes:02d}:{secs:02d}]."


def srt_of(cues: list[tuple[int, str]]) -> str:
    """An SRT transcript whose cues say each cited sentence around its cited time."""
    blocks = []
    for number, (second, text) in enumerate(cues, start=1):
        start, end = max(0, second - 2), second + 8
        stamp = "{:02d}:{:02d}:{:02d},000"
        timing = f"{stamp.format(start // 3600, start // 60 % 60, start % 60)} --> "
        timing += stamp.format(end // 3600, end // 60 % 60, end % 60)
        spoken = re.sub(r"\[\[[^|\]]*\|?([^\]]*)\]\]", r"\1", text).replace(" | ", " ")
        blocks.append(f"{number}\n{timing}\n{re.sub(r'[^A-Za-z0-9 ]', ' ', spoken).lower()}\n")
    return "\n".join(blocks)


def video_note(
    rng: random.Random, index: int, topics: list[str], channels: list[str], cues: list[tuple[int, str]] | None = None
) -> str:
    video_id = "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11))
    lines = ["---", f"title: Video number {index}", f"videoId: {video_id}", "---", ""]
    if cues is not None:
        cues.append((0, video_id))  # the id, for the transcript's file name
    lines += [f"From: [[{rng.choice(channels)}]] <br/>", ""]
    seconds = 30
    target = rng.randint(8_000, 12_000)
    size = 0
    section = 0
    while size < target:
        if size == 0 or rng.random() < 0.2:
            section += 1
            lines += [f"## Section {section} about the {rng.choice(WORDS)}", ""]
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            seconds += rng.randint(5, 20)
            said = sentence(rng, topics, seconds, rng.random() < 0.5)
            paragraph.append(said)
            if cues is not None:
                cues.append((seconds, said.rsplit(" [", 1)[0]))
        text = " ".join(paragraph)
        lines += [text, ""]
        size += len(text) + 2
    return "\n".join(lines)


def generate(out: Path, notes: int, seed: int, transcripts: bool = False) -> None:
    rng = random.Random(seed)
    topics = [f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{i}" for i in range(max(20, notes // 20))]
    channels = [f"channel{i}" for i in range(max(3, notes // 200))]
    (out / ".obsidian").mkdir(parents=True, exist_ok=True)
    (out / "topics").mkdir(exist_ok=True)
    (out / "channels").mkdir(exist_ok=True)
    (out / "videos").mkdir(exist_ok=True)
    for topic in topics:
        (out / "topics" / f"{topic}.md").write_text(f"---\ntitle: {topic}\n---\n# {topic}\n\nA topic note.\n")
    for channel in channels:
        (out / "channels" / f"{channel}.md").write_text(f"# {channel}\n\nA channel.\n")
    if transcripts:
        (out / "transcripts").mkdir(exist_ok=True)
    for index in range(notes):
        cues: list[tuple[int, str]] | None = [] if transcripts else None
        (out / "videos" / f"video {index:05d}.md").write_text(video_note(rng, index, topics, channels, cues))
        if cues:
            video_id = cues[0][1]
            (out / "transcripts" / f"video {index:05d} [{video_id}].en.srt").write_text(srt_of(cues[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transcripts", action="store_true", help="also write an SRT transcript per video")
    args = parser.parse_args()
    generate(args.out, args.notes, args.seed, args.transcripts)


if __name__ == "__main__":
    main()
