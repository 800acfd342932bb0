"""``concise``: one line per finding, ``path:line:col: CODE message [*]``.

The default off a terminal, so pre-commit, pipes and scripts keep the line format of
notecheck 0.1 and 0.2 (``text`` is its old name and stays). On a terminal the code is
coloured by severity: red for an error, yellow for a warning."""

from __future__ import annotations

from notecheck.cli.output.base import Format
from notecheck.cli.output.common import BOLD, CYAN, RED, RESET, YELLOW, fix_marker, printable
from notecheck.model import Finding


def concise_line(f: Finding, colour: bool, show_unsafe: bool = False) -> str:
    path, message, marker = printable(f.path), printable(f.message), fix_marker(f, show_unsafe)
    if not colour:
        return f"{path}:{f.span.line}:{f.span.column}: {f.code} {message}{marker}"
    hue = RED if f.severity == "error" else YELLOW
    sep = f"{CYAN}:{RESET}"
    return (
        f"{BOLD}{path}{RESET}{sep}{f.span.line}{sep}{f.span.column}{sep} {hue}{BOLD}{f.code}{RESET} {message}{marker}"
    )


class Concise(Format):
    text_summary = True

    def add(self, findings: list[Finding]) -> None:
        colour, unsafe = self.style.colour, self.style.show_unsafe
        self.stream.write("".join([concise_line(f, colour, unsafe) + "\n" for f in findings]))
