"""``html``: one self-contained page of where the problems are, which notes are missing,
how each video is cited and how the vault's dated facts line up (inline CSS and SVG, a
small inline script for sorting and filtering; the page reads without it).

It needs more than the findings: the run gathers what each note holds
(``runner.gather``) and hands it over in ``gathered`` before ``close``. Large vaults are
drawn in part, and the page says how much was left out: a page of 10,000 notes must
stay a few MB and open in a second."""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any, TextIO

from notecheck import __version__
from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.full import SourceLines, window_parts
from notecheck.model import Finding
from notecheck.note.citation import format_time

if TYPE_CHECKING:
    from notecheck.runner.gather import NoteFacts

MAX_STRIPS = 300  # videos drawn, those with citation problems first
MAX_FACTS = 1000  # dots on the timeline, conflicts first
MAX_SNIPPETS = 1000  # findings shown with their source line; the others as a line of text
MAX_LISTED = 5000  # findings listed at all (the page of a 10,000-note vault stays a few MB)
MAX_MISSING = 100
FAMILIES = {"NC0": "engine", "NC1": "links", "NC2": "timestamps", "NC3": "front matter", "NC4": "dates"}
STRIP_WIDTH, STRIP_LEFT, STRIP_RIGHT = 640, 10, 570  # the video's length spans STRIP_LEFT..STRIP_RIGHT
_SUGGESTION = re.compile(r"did you mean (.+?)\?$")

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 48px;color:#1d232a}
h1{font-size:24px;margin:24px 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d5dbe1}
nav a{margin-right:12px}table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;text-align:left;
border-bottom:1px solid #e6eaee}th{cursor:pointer;background:#f3f5f7}td.n{text-align:right}
.error{color:#b42318}.warning{color:#9a6700}.muted{color:#667085}code,pre{font:12px ui-monospace,monospace}
pre{background:#f6f8fa;padding:4px 8px;overflow-x:auto;margin:2px 0 8px}mark{background:#ffd7d5}
.row{display:flex;gap:36px;flex-wrap:wrap;align-items:flex-start}.strip{margin:6px 0 14px}
.strip svg{display:block}.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d5dbe1;border-radius:6px;padding:8px 14px}.card b{font-size:20px;display:block}
li.finding{list-style:none;margin:2px 0}article{margin:10px 0}article h3{font-size:15px;margin:14px 0 4px}
details{margin:4px 0}details pre{white-space:pre-wrap}
"""

SCRIPT = """
document.querySelectorAll('table.sortable th').forEach(function(th, column){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);
    var numeric = rows.every(function(r){ return !isNaN(parseFloat(r.cells[column].textContent)); });
    var down = th.dataset.down !== '1'; th.dataset.down = down ? '1' : '0';
    rows.sort(function(a, b){
      var x = a.cells[column].textContent, y = b.cells[column].textContent;
      var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return down ? -d : d;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
var filter = document.getElementById('rule-filter');
if (filter) filter.addEventListener('change', function(){
  var rule = filter.value, shown = 0;
  document.querySelectorAll('li.finding').forEach(function(li){
    var on = !rule || li.dataset.rule === rule; li.hidden = !on; if (on) shown++;
  });
  document.querySelectorAll('#findings article').forEach(function(a){
    a.hidden = !a.querySelector('li.finding:not([hidden])');
  });
  document.getElementById('shown').textContent = shown;
});
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fold(name: str) -> str:
    return " ".join(re.sub(r"[_\-]+", " ", name.lower()).split())


# Findings the drawings need, kept however many there are; the others only up to MAX_LISTED.
DRAWN = frozenset({"NC101", "NC202", "NC203", "NC204", "NC208", "NC403", "NC405"})


class Counts:
    """What the page says of all findings, counted as they come: a vault of 10,000 notes
    can have hundreds of thousands, and only some are listed or drawn."""

    def __init__(self) -> None:
        self.total = 0
        self.errors = 0
        self.by_rule: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.by_path: Counter[str] = Counter()
        self.kept: list[Finding] = []

    def add(self, finding: Finding) -> None:
        self.total += 1
        self.errors += finding.severity == "error"
        self.by_rule[finding.code] += 1
        self.names.setdefault(finding.code, finding.name)
        self.by_path[finding.path] += 1
        if finding.code in DRAWN or len(self.kept) < MAX_LISTED:
            self.kept.append(finding)


class Html(Format):
    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self.counts = Counts()
        self.gathered: list[NoteFacts] = []
        self.unchecked: dict[str, int] = {}
        self.notes_checked = 0

    def add(self, findings: list[Finding]) -> None:
        for finding in findings:
            self.counts.add(finding)

    def close(self) -> None:
        self.stream.write(render(self.counts, self.gathered, self.unchecked, self.notes_checked))


def render(counts: Counts, notes: list[NoteFacts], unchecked: dict[str, int], checked: int) -> str:
    ids = {facts.path: f"n{index}" for index, facts in enumerate(notes)}
    by_note: dict[str, list[Finding]] = defaultdict(list)
    for finding in counts.kept:
        by_note[finding.path].append(finding)
    for path in counts.by_path:
        ids.setdefault(path, f"n{len(ids)}")
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>notecheck report</title><style>{CSS}</style></head><body>",
        f"<h1>notecheck report</h1><p class=muted>notecheck {esc(__version__)}</p>",
        '<nav><a href="#summary">Summary</a><a href="#where">Where</a><a href="#missing">Missing notes</a>'
        '<a href="#videos">Videos</a><a href="#timeline">Timeline</a><a href="#findings">Every finding</a></nav>',
        _summary(counts, unchecked, checked),
        _where(counts, notes, ids),
        _missing(counts.kept, notes),
        _videos(notes, by_note, ids),
        _timeline(notes, by_note, ids),
        _every_finding(counts, by_note, ids),
        _rule_pages(set(counts.by_rule)),
        f"<script>{SCRIPT}</script></body></html>\n",
    ]
    return "".join(parts)


def _summary(counts: Counts, unchecked: dict[str, int], checked: int) -> str:
    by_rule, names, errors, total = counts.by_rule, counts.names, counts.errors, counts.total
    by_family: Counter[str] = Counter()
    for code, count in by_rule.items():
        by_family[FAMILIES.get(code[:3], "other")] += count
    out = [
        '<section id="summary"><h2>Summary</h2><div class=cards>',
        f'<div class=card><b id="notes-checked">{checked}</b>notes checked</div>',
        f'<div class=card><b id="findings-total">{total}</b>findings</div>',
        f"<div class=card><b>{errors}</b>errors</div><div class=card><b>{total - errors}</b>warnings</div>",
        "</div><div class=row><div><h3>By family</h3><table class=sortable><thead><tr><th>family</th>",
        "<th>findings</th></tr></thead><tbody>",
    ]
    out += [f"<tr><td>{esc(name)}</td><td class=n>{count}</td></tr>" for name, count in by_family.most_common()]
    out.append("</tbody></table></div><div><h3>By rule</h3><table class=sortable id=by-rule>")
    out.append("<thead><tr><th>rule</th><th>name</th><th>findings</th></tr></thead><tbody>")
    for code, count in by_rule.most_common():
        out.append(
            f'<tr data-rule="{code}"><td><a href="#page-{code}">{code}</a></td><td>{esc(names[code])}</td>'
            f"<td class=n>{count}</td></tr>"
        )
    out.append("</tbody></table></div>")
    lacks = {"length": ("no known length", "NC203"), "upload": ("no upload date", "NC404")}
    lines = [
        f"<li>{count} video note{'s' * (count != 1)} with {lacks[key][0]}: {lacks[key][1]} could not check them</li>"
        for key, count in unchecked.items()
        if count
    ]
    if lines:
        out.append("<div><h3>Not checked</h3><ul id=unchecked>" + "".join(lines) + "</ul></div>")
    return "".join(out) + "</div></section>"


def _where(counts: Counts, notes: list[NoteFacts], ids: dict[str, str]) -> str:
    folders: Counter[str] = Counter()
    folder_notes: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    channel_notes: Counter[str] = Counter()
    channel_of = {facts.path: facts.channel for facts in notes}
    for facts in notes:
        folder_notes[facts.path.rsplit("/", 1)[0] if "/" in facts.path else "."] += 1
        if facts.channel:
            channel_notes[facts.channel] += 1
    for path, count in counts.by_path.items():
        folders[path.rsplit("/", 1)[0] if "/" in path else "."] += count
        channel = channel_of.get(path)
        if channel:
            channels[channel] += count
    out = ['<section id="where"><h2>Where</h2><div class=cards><div>']
    out.append("<h3>Per folder</h3><table class=sortable id=per-folder><thead><tr><th>folder</th><th>notes</th>")
    out.append("<th>findings</th></tr></thead><tbody>")
    for folder in sorted(folder_notes | folders, key=lambda name: -folders[name]):
        out.append(
            f"<tr><td>{esc(folder)}</td><td class=n>{folder_notes[folder]}</td><td class=n>{folders[folder]}</td></tr>"
        )
    out.append("</tbody></table></div><div><h3>Per channel</h3><table class=sortable id=per-channel><thead><tr>")
    out.append("<th>channel</th><th>notes</th><th>findings</th></tr></thead><tbody>")
    for channel in sorted(channel_notes, key=lambda name: -channels[name]):
        out.append(
            f"<tr><td>{esc(channel)}</td><td class=n>{channel_notes[channel]}</td>"
            f"<td class=n>{channels[channel]}</td></tr>"
        )
    out.append("</tbody></table></div></div><h3>The 20 notes with the most findings</h3><ol id=top-notes>")
    top = sorted(counts.by_path.items(), key=lambda item: (-item[1], item[0]))[:20]
    out += [f'<li><a href="#{ids[path]}">{esc(path)}</a>: {count}</li>' for path, count in top]
    return "".join(out) + "</ol></section>"


def _missing(findings: list[Finding], notes: list[NoteFacts]) -> str:
    linking: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for facts in notes:
        for target in facts.missing:
            key = _fold(target)
            linking[key].add(facts.path)
            spellings[key][target] += 1
    closest: dict[str, str] = {}
    for finding in findings:
        if finding.code == "NC101":
            named = re.match(r"note '(.+?)' not found", finding.message)
            suggestion = _SUGGESTION.search(finding.message)
            if named and suggestion:
                closest.setdefault(_fold(named.group(1)), suggestion.group(1).replace("'", ""))
    ranked = sorted(linking, key=lambda key: (-len(linking[key]), key))
    out = ['<section id="missing"><h2>Most-wanted missing notes</h2>']
    out.append(f"<p>{len(ranked)} names are linked to but exist nowhere in the vault; most linked first.</p>")
    out.append("<table class=sortable id=missing-notes><thead><tr><th>target</th><th>notes linking</th>")
    out.append("<th>spellings</th><th>closest existing</th></tr></thead><tbody>")
    for key in ranked[:MAX_MISSING]:
        written = ", ".join(esc(name) for name, _ in spellings[key].most_common(5))
        out.append(
            f'<tr data-target="{esc(key)}" data-count="{len(linking[key])}">'
            f"<td>{esc(spellings[key].most_common(1)[0][0])}</td>"
            f"<td class=n>{len(linking[key])}</td><td>{written}</td><td>{esc(closest.get(key, ''))}</td></tr>"
        )
    out.append("</tbody></table>")
    if len(ranked) > MAX_MISSING:
        out.append(f"<p class=muted>{len(ranked) - MAX_MISSING} more not listed.</p>")
    return "".join(out) + "</section>"


def _marks(group: list[Finding]) -> dict[tuple[int, int], str]:
    """Citations that a timestamp rule flagged, by (line, column): what to mark."""
    kinds = {"NC208": "misscaled", "NC203": "past", "NC204": "order", "NC202": "invalid"}
    marks: dict[tuple[int, int], str] = {}
    for finding in group:
        kind = kinds.get(finding.code)
        if kind:
            for column in (finding.span.column - 1, finding.span.column, finding.span.column + 1):
                marks.setdefault((finding.span.line, column), kind)
    return marks


def _videos(notes: list[NoteFacts], by_note: dict[str, list[Finding]], ids: dict[str, str]) -> str:
    videos = [facts for facts in notes if facts.video and facts.cited]
    troubled = {path for path, group in by_note.items() if any(f.code in ("NC203", "NC204", "NC208") for f in group)}
    videos.sort(key=lambda facts: (facts.path not in troubled, facts.path))
    out = ['<section id="videos"><h2>Each video</h2>']
    out.append(
        "<p>Each strip is the video's length; a tick is a citation. Red ticks outside the strip are past the end"
    )
    out.append(" or on the wrong scale; orange ticks are out of order.</p>")
    for facts in videos[:MAX_STRIPS]:
        group = by_note.get(facts.path, [])
        scaled = facts.misscaled if any(f.code == "NC208" for f in group) else set()
        out.append(_strip(facts, _marks(group), scaled, ids[facts.path]))
    if len(videos) > MAX_STRIPS:
        out.append(
            f"<p class=muted>{len(videos) - MAX_STRIPS} more videos without citation problems are not drawn.</p>"
        )
    return "".join(out) + "</section>"


def _strip(facts: NoteFacts, marks: dict[tuple[int, int], str], scaled: set[int], anchor: str) -> str:
    kinds = [
        "misscaled" if index in scaled else marks.get((line, column), "ok")
        for index, (_, line, column) in enumerate(facts.cited)
    ]
    inside = [cited[0] for cited, kind in zip(facts.cited, kinds, strict=True) if kind not in ("misscaled", "past")]
    length = facts.length or max(inside or [1])
    plain: dict[str, list[str]] = defaultdict(list)  # colour -> path segments of unmarked ticks
    marked, outside = [], 0
    for (seconds, line, _column), kind in zip(facts.cited, kinds, strict=True):
        if kind in ("misscaled", "past") or seconds > length:
            outside += 1
            x = float(STRIP_RIGHT + 12 + 6 * min(outside, 9))
            colour = "#d92d20"
        else:
            x = STRIP_LEFT + (STRIP_RIGHT - STRIP_LEFT) * seconds / max(length, 1)
            colour = "#f79009" if kind == "order" else "#2e90fa"
        if kind == "ok" and x <= STRIP_RIGHT:
            plain[colour].append(f"M{x:.0f} 4V24")
            continue
        label = f"{format_time(seconds)} at line {line} ({'past the end' if kind == 'ok' else kind})"
        marked.append(
            f'<line class="tick {kind}" x1="{x:.1f}" x2="{x:.1f}" y1="4" y2="24" stroke="{colour}" '
            f'stroke-width="2"><title>{esc(label)}</title></line>'
        )
    ticks = [f'<path d="{"".join(d)}" stroke="{colour}" stroke-width="2"/>' for colour, d in plain.items()] + marked
    source = f"length {format_time(int(length))} from {esc(facts.length_source)}" if facts.length else "length unknown"
    misscaled = kinds.count("misscaled")
    return (
        f'<figure class=strip data-path="{esc(facts.path)}" data-outside="{outside}" data-misscaled="{misscaled}">'
        f'<figcaption><a href="#{anchor}">{esc(facts.path)}</a> <span class=muted>{source}; '
        f"{len(facts.cited)} citations</span></figcaption>"
        f'<svg width="{STRIP_WIDTH}" height="28" role="img"><rect x="{STRIP_LEFT}" y="10" '
        f'width="{STRIP_RIGHT - STRIP_LEFT}" height="8" fill="#e4e7ec"/>{"".join(ticks)}</svg></figure>'
    )


def _timeline(notes: list[NoteFacts], by_note: dict[str, list[Finding]], ids: dict[str, str]) -> str:
    conflicts = {
        (f.path, f.span.line, f.span.column): f.code
        for group in by_note.values()
        for f in group
        if f.code in ("NC403", "NC405")
    }
    dots = [(facts.path, *fact) for facts in notes for fact in facts.facts]
    dots.sort(key=lambda dot: (dot[0], dot[4], dot[5]) not in conflicts)
    shown = [dot for dot in dots if 1 <= int(dot[1][:4]) <= 9999][:MAX_FACTS]
    out = ['<section id="timeline"><h2>Timeline</h2>']
    if not shown:
        return "".join(out) + "<p>No dated facts.</p></section>"
    years = [int(dot[1][:4]) for dot in shown]
    low, high = min(years), max(years) + 1
    width, left, right = 1060, 20, 1040
    out.append(f'<svg id=timeline-axis width="{width}" height="120" role="img">')
    out.append(f'<line x1="{left}" x2="{right}" y1="90" y2="90" stroke="#98a2b3"/>')
    step = max(1, (high - low) // 10)
    for tick in range(low, high + 1, step):
        x = left + (right - left) * (tick - low) / max(high - low, 1)
        out.append(f'<text x="{x:.0f}" y="110" font-size="11" text-anchor="middle">{tick}</text>')
    for index, (path, start, _end, text, line, column) in enumerate(shown):
        year = int(start[:4]) + (int(start[5:7]) - 1) / 12
        x = left + (right - left) * (year - low) / max(high - low, 1)
        code = conflicts.get((path, line, column))
        y = 30 + (index * 7) % 50
        colour = "#d92d20" if code else "#2e90fa"
        out.append(
            f'<a href="#{ids.get(path, "")}"><circle class="fact{" conflict" if code else ""}" cx="{x:.1f}" cy="{y}" '
            f'r="{5 if code else 3}" fill="{colour}"><title>{esc(text)} ({esc(start)}) in {esc(path)}:{line}'
            f"{' ' + code if code else ''}</title></circle></a>"
        )
    out.append("</svg>")
    if len(dots) > len(shown):
        out.append(f"<p class=muted>{len(dots) - len(shown)} more dated facts are not drawn.</p>")
    return "".join(out) + "</section>"


def _every_finding(counts: Counts, by_note: dict[str, list[Finding]], ids: dict[str, str]) -> str:
    codes = sorted(counts.by_rule)
    total = counts.total
    out = [
        '<section id="findings"><h2>Every finding</h2>',
        '<p><label>Rule <select id=rule-filter><option value="">all</option>',
    ]
    out += [f'<option value="{code}">{code}</option>' for code in codes]
    out.append(f"</select></label> <span id=shown>{min(total, MAX_LISTED)}</span> shown</p>")
    sources = SourceLines()
    listed = 0
    for path in sorted(by_note):
        if listed >= MAX_LISTED:
            break
        group = by_note[path]
        count = counts.by_path[path]
        out.append(f'<article id="{ids[path]}" data-path="{esc(path)}"><h3>{esc(path)} ({count})</h3><ul>')
        for finding in group:
            if listed >= MAX_LISTED:
                break
            listed += 1
            span = finding.span
            out.append(
                f'<li class=finding data-rule="{finding.code}"><code>{span.line}:{span.column}</code> '
                f'<b class="{finding.severity}">{finding.code}</b> {esc(finding.message)}'
            )
            line = sources.line(path, span.line) if listed <= MAX_SNIPPETS else None
            if line is not None:
                start = min(span.column - 1, len(line))
                end = span.end_column - 1 if span.end_line == span.line else len(line)
                before, flagged, after = window_parts(line, start, max(end, start))
                out.append(f"<pre>{esc(before)}<mark>{esc(flagged)}</mark>{esc(after)}</pre>")
            out.append("</li>")
        out.append("</ul></article>")
    if total > listed:
        out.append(f"<p class=muted>{total - listed} more findings are not listed: see the concise format.</p>")
    return "".join(out) + "</section>"


def _rule_pages(codes: set[str]) -> str:
    from notecheck.engine.pages import all_pages, user_text

    pages: dict[str, Any] = all_pages()
    out = ['<section id="rules"><h2>The rules found</h2>']
    for code in sorted(codes):
        page = pages.get(code)
        if page is not None:
            out.append(
                f'<details id="page-{code}"><summary>{code}</summary><pre>{esc(user_text(page))}</pre></details>'
            )
    return "".join(out) + "</section>"
