"""A labelled set of video notes in the format machine-written vaults really use, written
for these tests (no third-party note is copied): anchor and bare citations, runs of
anchors, list items, callouts, HTML blocks, topical sections, short videos, lectures and
podcasts, and the mistakes real notes make, each marked with the finding it must give.

Every note is made from a seed, so the set is the same on every run. ``expected`` holds
(code, line) for NC204, NC206, NC208 and NC209; nothing else of those codes may be found.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SCORED = ("NC204", "NC206", "NC208", "NC209")

SUBJECTS = [
    "the treaty",
    "the border dispute",
    "the referendum",
    "the ceasefire",
    "the new constitution",
    "the trade agreement",
    "the central bank",
    "the parliament",
    "the river delta",
    "the mountain pass",
    "the fishing industry",
    "the energy market",
    "the railway line",
    "the university reform",
    "the election commission",
    "the peace mission",
]
VERBS = [
    "was signed after long talks",
    "changed the balance of power in the region",
    "was opposed by most of the opposition",
    "drew criticism from neighbouring states",
    "is described as a turning point",
    "remains contested by historians",
    "depended on foreign loans",
    "was delayed by a series of protests",
    "led to a sharp rise in prices",
    "was welcomed by the local population",
    "has been reviewed twice since",
    "was presented as a temporary measure",
]
LINKS = [
    ("regional_history", "regional history"),
    ("economic_policy", "economic policy"),
    ("foreign_relations", "foreign relations"),
    ("demographics_of_the_region", "demographics"),
    ("the_armed_forces", "the armed forces"),
]
HEADINGS = ["Background", "Early years", "The crisis", "Negotiations", "Aftermath", "The economy", "Outlook", "Legacy"]
CHANNELS = ["mapsandmemory", "historyexplained", "thepolicydesk"]


def clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def anchor(shown: str, data_t: str | None = None) -> str:
    return f'<a class="yt-timestamp" data-t="{data_t or shown}">[{shown}]</a>'


@dataclass
class Cite:
    """One citation to write: the true time, and how it goes wrong (if it does)."""

    seconds: int
    form: str = "anchor"  # "anchor" or "bare"
    shown: str | None = None  # the text shown, when not the true time
    data_t: str | None = None  # an anchor's data-t, when not the time shown
    broken: str | None = None  # "wrapped" or "unclosed"
    expect: str | None = None  # the code this citation's line must get

    def render(self) -> str:
        shown = self.shown or clock(self.seconds)
        if self.form == "bare":
            return f"[{shown}]"
        if self.broken == "wrapped":
            return f"[{shown}]({anchor(shown, self.data_t)}"
        if self.broken == "unclosed":
            return anchor(shown, self.data_t).removesuffix("</a>")
        return anchor(shown, self.data_t)


@dataclass
class Block:
    kind: str  # "paragraph", "list", "callout", "html", "heading"
    cites: list[list[Cite]] = field(default_factory=list)  # one list per line
    text: str = ""


@dataclass
class LabelledNote:
    name: str
    text: str
    expected: set[tuple[str, int]]
    video_id: str


class Writer:
    """Writes one note from blocks, and records on which line each expectation falls."""

    def __init__(self, rng: random.Random, title: str, video_id: str, extra: str = "") -> None:
        self.rng = rng
        self.lines = ["---", f"title: {title}", f"videoId: {video_id}", *extra.splitlines(), "---", ""]
        self.lines.append(f"From: [[{rng.choice(CHANNELS)}]] <br/>")
        self.lines.append("")
        self.expected: set[tuple[str, int]] = set()

    def sentence(self) -> str:
        subject = self.rng.choice(SUBJECTS)
        if self.rng.random() < 0.4:
            slug, alias = self.rng.choice(LINKS)
            subject = f"{subject} of [[{slug} | {alias.capitalize()}]]"
        return f"{subject[0].upper()}{subject[1:]} {self.rng.choice(VERBS)}"

    def cited_line(self, cites: list[Cite]) -> str:
        parts = []
        for cite in cites:
            parts.append(f"{self.sentence()} {cite.render()}.")
        line = " ".join(parts)
        # A run of anchors after one sentence moves forward as one citation (NC204 orders
        # its first time only): a citation placed out of order stands alone.
        alone = any(cite.expect == "NC204" for cite in cites)
        if len(cites) > 1 and self.rng.random() < 0.3 and not alone:
            line = f"{self.sentence()} " + ", ".join(cite.render() for cite in cites) + "."
        return line

    def add(self, block: Block) -> None:
        if block.kind == "heading":
            self.lines += [f"## {block.text}", ""]
            return
        if block.kind == "html":
            self.lines.append('<div class="admonition tip">')
        if block.kind == "callout":
            self.lines.append(f"> [!info] {block.text or 'Note'}")
        for cites in block.cites:
            text = self.cited_line(cites)
            prefix = {"list": "- ", "callout": "> "}.get(block.kind, "")
            self.lines.append(prefix + text)
            for cite in cites:
                if cite.expect:
                    self.expected.add((cite.expect, len(self.lines)))
        if block.kind == "html":
            self.lines.append("</div>")
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def expect_first(code: str, cites: list[Cite]) -> None:
    """NC208 reports at a note's first mis-scaled citation: mark that one."""
    for cite in cites:
        if cite.shown is not None and cite.expect is None:
            cite.expect = code
            return


def shown_seconds(shown: str) -> int:
    hours, minutes, seconds = (int(part) for part in shown.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def ordered_share(values: list[int]) -> float:
    """The share of ``values`` in a longest non-decreasing run (quadratic: a test helper)."""
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] <= values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0) / max(len(values), 1)


def _times(rng: random.Random, count: int, length: int) -> list[int]:
    """Increasing citation times over a video of ``length`` seconds."""
    points = sorted(rng.sample(range(5, length - 2), count))
    return points


def _form(rng: random.Random) -> str:
    return "anchor" if rng.random() < 0.8 else "bare"


def _sections(rng: random.Random, cites: list[Cite], callout: bool = True, html: bool = True) -> list[Block]:
    """Cut citations in video order into sections of lines, lists and paragraphs."""
    blocks: list[Block] = []
    headings = rng.sample(HEADINGS, 4)
    position = 0
    first = True
    while position < len(cites):
        if not first:
            blocks.append(Block("heading", text=headings.pop() if headings else "More"))
        first = False
        size = min(rng.randint(4, 7), len(cites) - position)
        section = cites[position : position + size]
        position += size
        kind = rng.choice(["paragraph", "list"])
        lines: list[list[Cite]] = []
        index = 0
        while index < len(section):
            take = rng.choice([1, 1, 2, 3])
            lines.append(section[index : index + take])
            index += take
        blocks.append(Block(kind, lines))
    if callout and rng.random() < 0.5:  # a recap refers back to the start: outside the order
        blocks.append(Block("callout", [[Cite(cites[0].seconds, _form(rng))]], text="Recap"))
    if html and rng.random() < 0.3:
        blocks.append(Block("html", [[Cite(cites[1].seconds, "anchor")]]))
    return blocks


def _write(rng: random.Random, name: str, video_id: str, cites: list[Cite], extra: str = "", **options) -> LabelledNote:
    writer = Writer(rng, name, video_id, extra)
    for block in _sections(rng, cites, **options):
        writer.add(block)
    return LabelledNote(f"{name}.md", writer.text(), writer.expected, video_id)


def plausible(rng: random.Random, index: int, length: int, count: int) -> LabelledNote:
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, count, length)]
    return _write(rng, f"Plausible {index:02d}", f"plaus{index:06d}", cites)


def minutes_as_hours(rng: random.Random, index: int) -> LabelledNote:
    """A short video whose every time is written MM:SS:00."""
    length = rng.randint(200, 1500)
    cites = []
    for seconds in _times(rng, rng.randint(6, 16), length):
        minutes, secs = divmod(seconds, 60)
        shown = f"{minutes:02d}:{secs:02d}:00"
        cite = Cite(seconds, _form(rng), shown=shown)
        cites.append(cite)
    expect_first("NC208", cites)
    return _write(rng, f"Minutes as hours {index:02d}", f"mmss0{index:06d}", cites, callout=False, html=False)


def seconds_repeated(rng: random.Random, index: int) -> LabelledNote:
    """MM:SS:SS: the seconds field repeats the minutes field, in the later half."""
    length = rng.randint(400, 1200)
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, rng.randint(6, 10), length)]
    for cite in cites[len(cites) // 2 :]:
        minutes, secs = divmod(cite.seconds, 60)
        if minutes >= 1 and secs:
            cite.shown = f"{minutes:02d}:{secs:02d}:{secs:02d}"
    expect_first("NC208", cites)
    return _write(rng, f"Seconds repeated {index:02d}", f"mmss2{index:06d}", cites, callout=False, html=False)


def centiseconds(rng: random.Random, index: int) -> LabelledNote:
    """M:SS:cc with the length in front matter: 4:15.08 written [04:15:08]."""
    length = rng.randint(300, 590)
    cites = []
    for seconds in _times(rng, rng.randint(5, 9), length):
        minutes, secs = divmod(seconds, 60)
        cites.append(Cite(seconds, _form(rng), shown=f"{minutes:02d}:{secs:02d}:{rng.randint(0, 99):02d}"))
    late = [cite for cite in cites if cite.shown and shown_seconds(cite.shown) > length + 1]
    if late:
        late[0].expect = "NC208"  # the first time past the end of the video
    return _write(
        rng, f"Centiseconds {index:02d}", f"mmsc{index:07d}", cites, extra=f"duration: {length}", callout=False
    )


def partly(rng: random.Random, index: int) -> LabelledNote:
    """A two-minute video, most times right and one written MM:SS:00 at the end."""
    length = rng.randint(100, 175)
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, rng.randint(5, 8), length)]
    last = cites[-1]
    minutes, secs = divmod(last.seconds, 60)
    last.shown = f"{minutes:02d}:{secs:02d}:00"
    last.expect = "NC208"
    return _write(rng, f"Partly mis-scaled {index:02d}", f"part{index:07d}", cites, callout=False, html=False)


def data_t_mismatch(rng: random.Random, index: int) -> LabelledNote:
    length = rng.randint(600, 2400)
    cites = [Cite(seconds, "anchor") for seconds in _times(rng, rng.randint(8, 14), length)]
    for cite in rng.sample(cites, 2):
        if rng.random() < 0.7:
            cite.data_t = clock(cite.seconds + rng.choice([-40, -7, 3, 11, 60]))
        else:
            cite.data_t = rng.choice(["00:75:00", "soon", "1:2:3:4", ""])
        cite.expect = "NC206"
    return _write(rng, f"Data-t mismatch {index:02d}", f"datat{index:06d}", cites)


def broken_markup(rng: random.Random, index: int) -> LabelledNote:
    length = rng.randint(600, 2400)
    cites = [Cite(seconds, "anchor") for seconds in _times(rng, rng.randint(8, 14), length)]
    for cite in rng.sample(cites, 3):
        cite.broken = rng.choice(["wrapped", "wrapped", "unclosed"])
        cite.expect = "NC209"
    return _write(rng, f"Broken markup {index:02d}", f"broke{index:06d}", cites, callout=False, html=False)


def out_of_order(rng: random.Random, index: int) -> LabelledNote:
    """One citation of a section from elsewhere in the video: it alone is the finding."""
    length = rng.randint(900, 3600)
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, 20, length)]
    culprit = cites[rng.randint(1, 2)]  # inside the first section (4 to 7 citations), never its last
    culprit.seconds = min(length - 1, cites[-1].seconds + rng.randint(-120, 0))  # a time from the end
    culprit.expect = "NC204"
    return _write(rng, f"Out of order {index:02d}", f"order{index:06d}", cites, callout=True, html=False)


def small_steps_back(rng: random.Random, index: int) -> LabelledNote:
    length = rng.randint(600, 2400)
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, 12, length)]
    for position in (3, 8):
        cites[position].seconds = max(1, cites[position - 1].seconds - rng.randint(2, 25))
    return _write(rng, f"Small steps back {index:02d}", f"steps{index:06d}", cites)


def topical(rng: random.Random, index: int) -> LabelledNote:
    """Sections by topic: each section's citations come from all over the video."""
    length = rng.randint(900, 3000)
    cites = [Cite(seconds, _form(rng)) for seconds in _times(rng, 18, length)]
    rng.shuffle(cites)
    writer = Writer(rng, f"Topical {index:02d}", f"topic{index:06d}")
    for number, start in enumerate(range(0, len(cites), 6)):
        writer.add(Block("heading", text=HEADINGS[number]))
        section = cites[start : start + 6]
        while ordered_share([cite.seconds for cite in section]) >= 2 / 3:  # topical: mostly out of order
            rng.shuffle(section)
        writer.add(Block("paragraph", [[cite] for cite in section]))
    return LabelledNote(f"Topical {index:02d}.md", writer.text(), set(), f"topic{index:06d}")


def two_scales(rng: random.Random, index: int) -> list[LabelledNote]:
    """Two articles of one video: one on the right scale, one citing the same moments 60 times larger."""
    video_id = f"twosc{index:06d}"
    length = rng.randint(100, 170)
    times = _times(rng, 6, length)
    right = [Cite(seconds, _form(rng)) for seconds in times]
    wrong = []
    for seconds in times[1:4]:
        minutes, secs = divmod(seconds, 60)
        wrong.append(Cite(seconds, _form(rng), shown=f"{minutes:02d}:{secs:02d}:00"))
    expect_first("NC208", wrong)
    first = _write(rng, f"Two scales {index:02d}, the history", video_id, right, callout=False, html=False)
    second = _write(rng, f"Two scales {index:02d}, the economy", video_id, wrong, callout=False, html=False)
    return [first, second]


def labelled_notes() -> list[LabelledNote]:
    rng = random.Random(20261202)
    notes: list[LabelledNote] = []
    for index in range(6):
        notes.append(plausible(rng, index, rng.randint(120, 1200), rng.randint(3, 14)))  # short videos
    for index in range(6, 10):
        notes.append(plausible(rng, index, rng.randint(3600, 5400), rng.randint(10, 24)))  # lectures
    for index in range(10, 14):
        notes.append(plausible(rng, index, rng.randint(7200, 12600), rng.randint(12, 30)))  # podcasts
    notes.append(plausible(rng, 14, 1800, 2))  # few, early citations
    notes += [minutes_as_hours(rng, index) for index in range(8)]
    notes += [seconds_repeated(rng, index) for index in range(4)]
    notes += [centiseconds(rng, index) for index in range(4)]
    notes += [partly(rng, index) for index in range(4)]
    notes += [data_t_mismatch(rng, index) for index in range(6)]
    notes += [broken_markup(rng, index) for index in range(5)]
    notes += [out_of_order(rng, index) for index in range(8)]
    notes += [small_steps_back(rng, index) for index in range(4)]
    notes += [topical(rng, index) for index in range(4)]
    for index in range(3):
        notes += two_scales(rng, index)
    return notes
