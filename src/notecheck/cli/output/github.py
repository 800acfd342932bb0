"""``github``: GitHub Actions workflow commands, which annotate the lines of a pull request."""

from __future__ import annotations

from notecheck.cli.output.base import Format
from notecheck.cli.output.common import printable
from notecheck.model import Finding


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    command = "error" if f.severity == "error" else "warning"
    span = f.span
    return (
        f"::{command} file={_escape_property(printable(f.path))},line={span.line},col={span.column},"
        f"endLine={span.end_line},endColumn={span.end_column},"
        f"title={_escape_property(f.code)}::{_escape_data(printable(f.message))}"
    )


class Github(Format):
    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            self.stream.write(github_line(f) + "\n")
