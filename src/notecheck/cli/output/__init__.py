"""Output formats, one module each. ``full`` is the default on a terminal, ``concise``
off it (``text`` is concise's name in notecheck 0.1 and 0.2)."""

from __future__ import annotations

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.concise import Concise
from notecheck.cli.output.full import Full
from notecheck.cli.output.github import Github
from notecheck.cli.output.gitlab import Gitlab
from notecheck.cli.output.grouped import Grouped
from notecheck.cli.output.html import Html
from notecheck.cli.output.json import Json
from notecheck.cli.output.json_lines import JsonLines
from notecheck.cli.output.junit import Junit
from notecheck.cli.output.sarif import Sarif

FORMATS: dict[str, type[Format]] = {
    "full": Full,
    "concise": Concise,
    "text": Concise,
    "grouped": Grouped,
    "json": Json,
    "json-lines": JsonLines,
    "junit": Junit,
    "gitlab": Gitlab,
    "sarif": Sarif,
    "github": Github,
    "html": Html,
}

__all__ = ["FORMATS", "Format", "Style"]
