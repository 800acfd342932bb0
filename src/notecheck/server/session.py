"""The vault as the language server knows it: indexed once, then updated note by note,
so that a keystroke costs one note, not a vault.

Open buffers stand for their files: their summaries replace those of the files on disk,
so a heading renamed in one buffer is seen at once by the links of another."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from notecheck.config import ConfigError, has_config
from notecheck.model import Finding
from notecheck.note.summary import NoteSummary
from notecheck.runner.run import RunOptions, RunResult, VaultRun, config_for
from notecheck.vault.discovery import is_note


@dataclass
class Checked:
    """One buffer's last check: its summary (for hovers and definitions) and findings."""

    summary: NoteSummary
    findings: list[Finding]


class VaultSession:
    """One vault root: configuration, file list, rule set and the index of every note."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.problem: str | None = None  # a configuration error, said once to the user
        self._config_stamp: tuple[str, int, int] | None = None
        self.buffers: dict[str, str] = {}  # rel -> text of the open buffers
        self.reload()

    def _stamp(self) -> tuple[str, int, int] | None:
        path = has_config(self.root)
        if path is None:
            return None
        try:
            info = os.stat(path)
        except OSError:
            return None
        return str(path), info.st_size, info.st_mtime_ns

    def reload(self) -> None:
        """Read the configuration and walk the vault again (a configuration change, files
        created, deleted or renamed on disk)."""
        self._config_stamp = self._stamp()
        try:
            config = config_for(self.root, None, [])
            self.problem = None
        except ConfigError as err:
            self.problem = str(err)
            from notecheck.config import Config

            config = Config()
        self.run = VaultRun(self.root, config, RunOptions(paths=[self.root]), RunResult())

    def reload_if_configuration_changed(self) -> bool:
        if self._stamp() != self._config_stamp:
            self.reload()
            return True
        return False

    def rel(self, path: Path) -> str | None:
        """The note's path in the vault, or None when the file is not a note of it."""
        try:
            rel = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None
        return rel if is_note(rel) else None

    def check(self, rel: str, text: str) -> Checked:
        """Both phases for a buffer's text, as the file ``rel`` of the vault."""
        if rel not in self.run.files:  # a new note: it exists for links now
            self.reload()
        from notecheck.engine.phases import summary_of

        analysis, findings = self.run.check_text(rel, text.encode("utf-8", "surrogatepass"))
        return Checked(summary_of(analysis), findings)

    def recheck(self, checked: Checked) -> Checked:
        """The vault phase again for a buffer whose text did not change (another buffer
        did): its parse stands."""
        return Checked(checked.summary, self.run.recheck(checked.summary))

    def forget(self, rel: str) -> None:
        """A buffer was closed: the file on disk stands for the note again."""
        from notecheck.engine.phases import analyze_path, summary_of

        if (self.root / rel).is_file():
            self.run.vault.remember(summary_of(analyze_path(self.root, rel, self.run.ruleset, self.run.vault)))

    def summary(self, rel: str) -> NoteSummary | None:
        return self.run.vault.summary(rel)

    def text(self, rel: str) -> str | None:
        """A note's text: its open buffer's, else the file's."""
        if rel in self.buffers:
            return self.buffers[rel]
        try:
            return (self.root / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None


def fix_all(session: VaultSession, rel: str, text: str) -> str:
    """Every safe fix applied, re-checked and applied again until nothing changes, as
    ``--fix`` does (``runner.fixloop.fixed``), in memory: the buffer's new text. The index keeps
    the buffer as it is until the editor sends the edit back."""
    from notecheck.engine.phases import Parsed
    from notecheck.runner.fixloop import fixed

    raw = text.encode("utf-8", "surrogatepass")
    analysis, findings = session.run.check_text(rel, raw)
    if not isinstance(analysis, Parsed):
        return text
    current, _, _, _ = fixed(session.run, rel, analysis, findings, unsafe=False)
    session.run.check_text(rel, raw)
    return current.source.text
