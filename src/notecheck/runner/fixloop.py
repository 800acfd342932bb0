"""The fix loop of ``--fix``, ``--diff``, standard input and the server's "fix all": fix,
re-parse and re-check a note until nothing changes, then write it (atomically), keep its
diff, or hand its text back."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from notecheck.engine.phases import Parsed
from notecheck.model import Finding

if TYPE_CHECKING:
    from notecheck.runner.run import VaultRun

MAX_FIX_PASSES = 10


def fixed(
    run: VaultRun, rel: str, analysis: Parsed, findings: list[Finding], unsafe: bool
) -> tuple[Parsed, list[Finding], dict[str, int], bool]:
    """Fix, re-parse and re-check until nothing changes, in memory: the last analysis,
    what remains, how many fixes each rule applied, and whether it converged. A fix
    whose result would break the front matter is left out (DL-2)."""
    from notecheck.note.source import encode
    from notecheck.runner.fixer import applicable, apply_fixes_listed, body_fixes

    current, counts = analysis, dict[str, int]()
    for _ in range(MAX_FIX_PASSES):
        fixes = applicable(findings, unsafe)
        if not fixes or not current.summary.front_matter_ok:
            return current, findings, counts, True
        code_of = {id(f.fix): f.code for f in findings if f.fix is not None}
        text, applied = apply_fixes_listed(current.source, fixes)
        if text == current.source.text:
            return current, findings, counts, True
        fixed_now, after = run.check_text(rel, encode(text, current.source.bom))
        if not isinstance(fixed_now, Parsed) or not fixed_now.summary.front_matter_ok:
            # a name with a quote written into a quoted YAML value
            text, applied = apply_fixes_listed(current.source, body_fixes(current.source, fixes))
            if text == current.source.text:
                return current, findings, counts, True
            fixed_now, after = run.check_text(rel, encode(text, current.source.bom))
            if not isinstance(fixed_now, Parsed):  # encoded text always decodes; never here
                return current, findings, counts, True
        for fix in applied:
            code = code_of.get(id(fix), "?")
            counts[code] = counts.get(code, 0) + 1
        current, findings = fixed_now, after
    return current, findings, counts, False


def fix_note(run: VaultRun, rel: str, analysis: Parsed, findings: list[Finding]) -> list[Finding]:
    """Fix (``fixed``), then write the note, keep its diff, or (standard input) its text;
    return what remains."""
    from notecheck.runner.fixer import FileChanged, write_atomically

    first_findings = findings
    current, findings, counts, converged = fixed(run, rel, analysis, findings, run.options.unsafe_fixes)
    if not converged:
        run.result.warnings.append(f"{run.shown(rel)}: fixes did not converge after {MAX_FIX_PASSES} passes")
    if current is analysis or current.raw == analysis.raw:
        return findings
    if run.stdin is not None:
        run.result.stdin_fixed = current.source.text if not current.source.bom else "\ufeff" + current.source.text
    elif run.options.diff:
        _add_diff(run, rel, analysis, current)
    else:
        try:
            write_atomically(run.root / rel, analysis.raw, current.source.text, current.source.bom)
        except (FileChanged, OSError) as err:
            run.result.warnings.append(f"{run.shown(rel)}: not fixed: {err}")
            return first_findings  # nothing was fixed: nothing is counted (W-1)
    run.result.fixed += sum(counts.values())
    run.result.fixed_by[run.shown(rel)] = counts
    return findings


def _add_diff(run: VaultRun, rel: str, before: Parsed, after: Parsed) -> None:
    """A unified diff that ``patch -p1`` and ``git apply`` take: lines split at LF
    only (a CR-only or U+2028 line stays one line of the file's bytes), the BOM kept
    in the first line, and "\\ No newline at end of file" where the file has none."""
    name = run.shown(rel)
    bom = "\ufeff" if before.source.bom else ""
    diff = difflib.unified_diff(
        _patch_lines(bom + before.source.text),
        _patch_lines(bom + after.source.text),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff)
    run.result.diffs.append(text)


def _patch_lines(text: str) -> list[str]:
    """The lines of a file as patch counts them: split after each LF, nothing else."""
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
