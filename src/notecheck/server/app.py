"""The language server over stdio (pygls): diagnostics on open, change (debounced) and
save; code actions for every fix and "fix all"; hovers on citations and wikilinks; go to
definition on wikilinks; the vault's ``.notecheck.toml`` reloaded when it changes."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from notecheck import __version__
from notecheck.server.convert import Lines, code_action, diagnostic, whole_document
from notecheck.server.hover import citation_at, citation_hover, link_at, link_hover, resolve_link
from notecheck.server.session import Checked, VaultSession, fix_all

DEBOUNCE = 0.25  # seconds after the last keystroke before a buffer is checked
FIX_ALL = "source.fixAll.notecheck"


class NotecheckServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("notecheck", __version__)
        self.sessions: dict[Path, VaultSession] = {}
        self.checked: dict[str, Checked] = {}  # uri -> last check of an open buffer
        self.pending: dict[str, asyncio.Task[None]] = {}
        # uri -> (text, its text with every safe fix): editors ask for code actions at every
        # move of the cursor, and "fix all" re-checks the note up to ten times.
        self.fixed_all: dict[str, tuple[str, str]] = {}

    def session_for(self, path: Path) -> VaultSession:
        from notecheck.vault.discovery import find_vault_root

        workspace_root = Path(self.workspace.root_path) if self.workspace.root_path else path.parent
        root = find_vault_root(path, workspace_root).resolve()
        session = self.sessions.get(root)
        if session is None:
            session = self.sessions[root] = VaultSession(root)
            if session.problem:
                self.window_show_message(
                    types.ShowMessageParams(type=types.MessageType.Error, message=f"notecheck: {session.problem}")
                )
        return session

    def located(self, uri: str) -> tuple[VaultSession, str] | None:
        path = to_fs_path(uri)
        if path is None:
            return None
        session = self.session_for(Path(path))
        rel = session.rel(Path(path))
        return (session, rel) if rel is not None else None

    def check(self, uri: str) -> None:
        """Check an open buffer, publish its diagnostics, and those of the other open
        buffers of its vault (a heading renamed here may break or mend a link there)."""
        found = self.located(uri)
        if found is None:
            return
        self.fixed_all.clear()  # a change anywhere in the vault may change what "fix all" does
        session, rel = found
        if session.reload_if_configuration_changed() and session.problem:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"notecheck: {session.problem}")
            )
        text = self.workspace.get_text_document(uri).source
        session.buffers[rel] = text
        self.publish(uri, text, session.check(rel, text))
        for other, checked in list(self.checked.items()):
            if (
                other != uri
                and checked.summary.rel in session.buffers
                and self.located(other) == (session, checked.summary.rel)
            ):
                other_text = session.buffers[checked.summary.rel]
                self.publish(other, other_text, session.check(checked.summary.rel, other_text))

    def publish(self, uri: str, text: str, checked: Checked) -> None:
        self.checked[uri] = checked
        lines = Lines(text)
        diagnostics = [diagnostic(f, lines) for f in checked.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))

    def later(self, uri: str) -> None:
        """Check after a pause in typing: each keystroke restarts the wait."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

        async def wait_then_check() -> None:
            await asyncio.sleep(DEBOUNCE)
            self.pending.pop(uri, None)
            self.check(uri)

        self.pending[uri] = asyncio.ensure_future(wait_then_check())


server = NotecheckServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NotecheckServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NotecheckServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.later(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NotecheckServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri)
    if path and Path(path).name in (".notecheck.toml", "pyproject.toml"):
        for session in ls.sessions.values():
            session.reload()
        for open_uri in list(ls.checked):
            ls.check(open_uri)
        return
    ls.check(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NotecheckServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.checked.pop(uri, None)
    ls.fixed_all.pop(uri, None)
    found = ls.located(uri)
    if found is not None:
        session, rel = found
        session.buffers.pop(rel, None)
        session.forget(rel)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: NotecheckServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Files created, deleted or changed outside the editor: index the vault again."""
    for session in ls.sessions.values():
        session.reload()
    for uri in list(ls.checked):
        ls.check(uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_actions(ls: NotecheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = ls.checked.get(uri)
    found = ls.located(uri)
    if checked is None or found is None:
        return []
    text = ls.workspace.get_text_document(uri).source
    lines = Lines(text)
    start = (params.range.start.line, params.range.start.character)
    end = (params.range.end.line, params.range.end.character)
    actions = []
    only = params.context.only
    if not only or types.CodeActionKind.QuickFix in only:
        for finding in checked.findings:
            where = lines.range(finding.span)
            if (where.end.line, where.end.character) < start or (where.start.line, where.start.character) > end:
                continue
            action = code_action(finding, uri, lines)
            if action is not None:
                actions.append(action)
    if any(f.fix and f.fix.applicability == "safe" for f in checked.findings) and (
        not only or FIX_ALL in only or types.CodeActionKind.Source in only
    ):
        session, rel = found
        known = ls.fixed_all.get(uri)
        fixed = known[1] if known is not None and known[0] == text else fix_all(session, rel, text)
        ls.fixed_all[uri] = (text, fixed)
        if fixed != text:
            actions.append(whole_document(uri, text, fixed, "Fix all safe notecheck problems", FIX_ALL))
    return actions


def _pointed(
    ls: NotecheckServer, params: types.HoverParams | types.DefinitionParams
) -> tuple[VaultSession, Checked, int, int] | None:
    """The buffer's vault, its last check, and the (line, column) the request points at."""
    uri = params.text_document.uri
    checked, found = ls.checked.get(uri), ls.located(uri)
    if checked is None or found is None:
        return None
    line, column = Lines(ls.workspace.get_text_document(uri).source).point(params.position)
    return found[0], checked, line, column


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: NotecheckServer, params: types.HoverParams) -> types.Hover | None:
    pointed = _pointed(ls, params)
    if pointed is None:
        return None
    session, checked, line, column = pointed
    seconds = citation_at(checked.summary, line, column)
    if seconds is not None:
        text = citation_hover(session, checked.summary, seconds)
    else:
        ref = link_at(checked.summary, line, column)
        if ref is None:
            return None
        text = link_hover(session, resolve_link(session, checked.summary, ref), ref)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text))


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: NotecheckServer, params: types.DefinitionParams) -> types.Location | None:
    pointed = _pointed(ls, params)
    if pointed is None:
        return None
    session, checked, line, column = pointed
    ref = link_at(checked.summary, line, column)
    target = resolve_link(session, checked.summary, ref) if ref is not None else None
    if target is None:
        return None
    position = types.Position(line=target.line - 1, character=0)
    return types.Location(
        uri=from_fs_path(str(session.root / target.path)) or "", range=types.Range(start=position, end=position)
    )


def serve() -> None:
    logging.getLogger("pygls").setLevel(logging.WARNING)
    server.start_io()
