#!/usr/bin/env python3
"""Time notecheck against the floor (bare markdown-it-py) and the linters a user would
otherwise run, on the same synthetic vaults, in one run. Whole processes, median of
several runs, peak memory from the kernel (wait4). Prints a Markdown table, and under it
the ratios the targets name, each taken within a round of the cases it compares.

Usage:
  python bench/run.py [--sizes 1000 10000] [--repeat 3] [--work /tmp/notecheck-bench]
The other tools are found on PATH or in bench/node_modules (see bench/README.md).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
ROUNDS = 3  # rounds of the cases the targets compare, each case once a round
TRANSCRIPT_RUN = [PY, "-m", "notecheck", "--exit-zero", "-q", "--statistics", "--no-cache", "--jobs", "1"]


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak resident MB) of one run of ``command``."""
    seconds, peak, _ = timed_cpu(command, cwd)
    return seconds, peak


def timed_cpu(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(seconds, peak resident MB, CPU seconds) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median_run(command: list[str], cwd: Path, repeat: int, before=None) -> tuple[float, float]:
    times, peaks = [], []
    for index in range(repeat):
        if before:
            before(index)
        seconds, peak = timed(command, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def tool(name: str) -> str | None:
    local = HERE / "node_modules" / ".bin" / name
    if local.exists():
        return str(local)
    return shutil.which(name) or (str(Path(PY).parent / name) if (Path(PY).parent / name).exists() else None)


def bench(
    size: int, work: Path, repeat: int, slow_repeat: int, skip: list[str], notes: list[str]
) -> list[tuple[str, float, float]]:
    """Rows of the table for one vault size; ``notes`` gets lines to print under it."""
    vault = work / f"vault-{size}"
    if not vault.exists():
        subprocess.run([PY, str(HERE / "generate.py"), str(vault), "--notes", str(size)], check=True)
    notecheck = [PY, "-m", "notecheck", "--vault", str(vault), "--exit-zero", "-q", "--statistics"]
    rows: list[tuple[str, float, float]] = []

    def add(label: str, command: list[str], times: int = repeat, before=None) -> None:
        seconds, peak = median_run(command, work, times, before)
        rows.append((label, seconds, peak))
        print(f"  {label}: {seconds:.2f} s, {peak:.0f} MB", file=sys.stderr)

    with_transcripts = work / f"vault-{size}-transcripts"
    if not with_transcripts.exists():
        generator = [PY, str(HERE / "generate.py"), str(with_transcripts), "--notes", str(size), "--transcripts"]
        subprocess.run(generator, check=True)
    # The cases our targets compare, run in rounds, each case once a round, so that each
    # ratio is taken between runs minutes apart: this kind of machine speeds up and slows
    # down by 10-30 % within minutes, and a case timed all at once, another ten minutes
    # later, compares two machines. The same notes with a transcript per video give NC207.
    cases = {
        "floor": ("markdown-it-py parse (floor)", [PY, str(HERE / "parse_only.py"), str(vault)]),
        "plain": ("notecheck cold, 1 job", [*notecheck, "--no-cache", "--jobs", "1", str(vault)]),
        "transcribed": (
            "notecheck cold, 1 job, with transcripts (NC207)",
            [*TRANSCRIPT_RUN, "--vault", str(with_transcripts), str(with_transcripts)],
        ),
        "parallel": (f"notecheck cold, {os.cpu_count()} jobs", [*notecheck, "--no-cache", str(vault)]),
    }
    runs: dict[str, list[tuple[float, float, float]]] = {key: [] for key in cases}
    for _ in range(max(slow_repeat, ROUNDS)):  # at least three rounds, also at 10,000 notes
        for key, (_, command) in cases.items():
            runs[key].append(timed_cpu(command, work))
    for key, (label, _) in cases.items():
        seconds = statistics.median(t for t, _, _ in runs[key])
        rows.append((label, seconds, max(p for _, p, _ in runs[key])))
        print(f"  {label}: {seconds:.2f} s, {rows[-1][2]:.0f} MB", file=sys.stderr)

    def per_round(top: str, bottom: str, column: int) -> list[float]:
        return [a[column] / b[column] for a, b in zip(runs[top], runs[bottom], strict=True)]

    def shown(ratios: list[float], form: str) -> str:
        return f"{statistics.median(ratios):{form}} (rounds: {', '.join(f'{r:{form}}' for r in ratios)})"

    cost = [ratio - 1 for ratio in per_round("transcribed", "plain", 2)]
    notes.append(
        f"Ratios within each of {len(runs['floor'])} rounds, median first: one job / floor "
        f"{shown(per_round('plain', 'floor', 0), '.2f')}; two jobs faster than one "
        f"{shown(per_round('plain', 'parallel', 0), '.2f')}; NC207 cost in CPU seconds "
        f"{shown(cost, '+.0%')}."
    )
    print(f"  {notes[-1]}", file=sys.stderr)
    # Whole runs drift more than the cost itself: phase 1 of the same notes in turns.
    turns = [PY, str(HERE / "nc207_cost.py"), "--notes", str(size), "--work", str(work)]
    notes.append(subprocess.run(turns, check=True, capture_output=True, text=True).stdout.strip())
    print(f"  {notes[-1]}", file=sys.stderr)
    shutil.rmtree(vault / ".notecheck_cache", ignore_errors=True)
    subprocess.run([*notecheck, str(vault)], cwd=work, capture_output=True, check=False)  # fill the cache
    add("notecheck warm (nothing changed)", [*notecheck, str(vault)])
    changed = sorted((vault / "videos").glob("*.md"))[:5]
    originals = {path: path.read_bytes() for path in changed}

    def edit(index: int) -> None:
        for path, data in originals.items():
            path.write_bytes(data + f"\nEdited {index}.\n".encode())

    add("notecheck pre-commit (5 changed, warm)", [*notecheck, *map(str, changed)], before=edit)
    for path, data in originals.items():
        path.write_bytes(data)
    others = {
        "pymarkdown scan": [tool("pymarkdown"), "scan", "-r", str(vault)],
        "rumdl check": [tool("rumdl"), "check", "--no-cache", str(vault)],
        "markdownlint-cli2": [tool("markdownlint-cli2"), f"{vault}/**/*.md"],
    }
    for label, command in others.items():
        if label.split()[0] in skip:
            print(f"  {label}: skipped (--skip)", file=sys.stderr)
            continue
        if command[0] is None:
            print(f"  {label}: not installed, skipped", file=sys.stderr)
            continue
        add(label, command, slow_repeat)  # type: ignore[arg-type]
    return rows


def table(size: int, rows: list[tuple[str, float, float]]) -> str:
    floor = rows[0][1]
    lines = [
        f"**{size:,} video notes** (plus topic and channel notes)",
        "",
        "| run | seconds | ms per note | peak MB | × floor |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, seconds, peak in rows:
        lines.append(f"| {label} | {seconds:.2f} | {seconds * 1000 / size:.2f} | {peak:.0f} | {seconds / floor:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast cases (median)")
    parser.add_argument("--slow-repeat", type=int, default=3, help="runs of the cold and other-tool cases")
    parser.add_argument("--work", type=Path, default=Path("/tmp/notecheck-bench"))
    parser.add_argument(
        "--skip", nargs="*", default=[], help="other tools not to run (pymarkdown, rumdl, markdownlint-cli2)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # As pip installs it: compiled. An editable install under PYTHONDONTWRITEBYTECODE
    # would compile notecheck's modules in every run (about 0.1 s of each warm run).
    import notecheck

    compileall.compile_dir(Path(notecheck.__file__).parent, quiet=1)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    for size in args.sizes:
        print(f"size {size}", file=sys.stderr)
        notes: list[str] = []
        rows = bench(size, args.work, args.repeat, args.slow_repeat if size <= 1000 else 1, args.skip, notes)
        print(table(size, rows) + "\n", flush=True)
        for line in notes:
            print(line + "\n", flush=True)


if __name__ == "__main__":
    main()
