"""The language server end to end, as an editor drives it: a real LSP client over stdio
(pytest-lsp) opens, edits and saves notes of a vault on disk, and reads diagnostics, code
actions, hovers and definitions."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from helpers import write_vault
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient

COMMAND = str(Path(sys.executable).parent / "notecheck")
CUES = "".join(
    f"{n}\n00:{m:02d}:{s:02d},000 --> 00:{m:02d}:{s + 4:02d},000\n{text}\n\n"
    for n, (m, s, text) in enumerate(
        [
            (0, 50, "Before the talk."),
            (1, 5, "In 1992 the war began."),
            (1, 20, "It ended in a ceasefire."),
            (5, 0, "Later."),
        ],
        1,
    )
)
VAULT = {
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',
    "topics/topic.md": "# Topic\n\n## Origins\n\nThe first lines of the origins.\n\nA fact. ^fact\n",
    "videos/talk.md": (
        "---\ntitle: Talk\nvideoId: abcdefghijk\nduration: 600\n---\n"
        "See [[topic | Topic]] and [[topic#Origins]] and [[nowhere]].\n\nIn 1992 the war began [00:01:05].\n"
    ),
    "videos/other.md": "# Other\n\nSee [[talk#Summary]].\n",
    "Talk [abcdefghijk].en.srt": CUES,
}


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", VAULT)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[COMMAND, "server"]))
async def client(lsp_client: LanguageClient, vault: Path):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(vault)), workspace_folders=None
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def uri_of(vault: Path, rel: str) -> str:
    return from_fs_path(str(vault / rel)) or ""


async def open_note(client: LanguageClient, vault: Path, rel: str, text: str | None = None) -> str:
    uri = uri_of(vault, rel)
    body = (vault / rel).read_text("utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=body)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def diagnostics_for(client: LanguageClient, uri: str, check) -> list[types.Diagnostic]:
    """Wait (a few seconds at most) until the diagnostics of ``uri`` satisfy ``check``."""
    for _ in range(100):
        found = list(client.diagnostics.get(uri, []))
        if check(found):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"diagnostics of {uri}: {client.diagnostics.get(uri)}")


def at(uri: str, line: int, character: int) -> dict[str, object]:
    return {
        "text_document": types.TextDocumentIdentifier(uri=uri),
        "position": types.Position(line=line, character=character),
    }


def places(diagnostics: list[types.Diagnostic]) -> list[tuple[object, int, int, int]]:
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in diagnostics]


@pytest.mark.asyncio
async def test_diagnostics_on_open_with_codes_positions_and_severities(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    found = client.diagnostics[uri]
    assert places(found) == [("NC104", 5, 4, 21), ("NC101", 5, 48, 59)]
    assert found[0].severity == types.DiagnosticSeverity.Warning and found[1].severity == types.DiagnosticSeverity.Error
    assert found[1].source == "notecheck" and found[1].code_description is not None


@pytest.mark.asyncio
async def test_a_change_is_checked_and_positions_count_utf16(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    text = (vault / "videos/talk.md").read_text("utf-8").replace("See [[topic", "😀 See [[topic")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    found = await diagnostics_for(client, uri, lambda d: d and d[0].range.start.character == 7)
    assert places(found) == [("NC104", 5, 7, 24), ("NC101", 5, 51, 62)]  # the emoji is two UTF-16 units


@pytest.mark.asyncio
async def test_a_heading_renamed_in_one_buffer_shows_at_once_in_another(client: LanguageClient, vault: Path) -> None:
    other = await open_note(client, vault, "videos/other.md")
    assert places(client.diagnostics[other]) == [("NC102", 2, 4, 20)]
    talk = uri_of(vault, "videos/talk.md")
    text = (vault / "videos/talk.md").read_text("utf-8") + "\n## Summary\n"
    await open_note(client, vault, "videos/talk.md", text)
    await diagnostics_for(client, other, lambda d: d == [])  # the link now finds its heading
    assert (vault / "videos/talk.md").read_text("utf-8") == VAULT["videos/talk.md"]  # nothing written
    assert talk in client.diagnostics


@pytest.mark.asyncio
async def test_code_actions_fix_and_fix_all(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    diagnostics = client.diagnostics[uri]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=5, character=0), end=types.Position(line=5, character=80)),
            context=types.CodeActionContext(diagnostics=list(diagnostics)),
        )
    )
    assert actions is not None
    by_title = {action.title: action for action in actions if isinstance(action, types.CodeAction)}
    quick = by_title["Fix NC104: spaces around the pipe: write [[topic|Topic]]"]
    assert quick.is_preferred and quick.kind == types.CodeActionKind.QuickFix
    edit = quick.edit.changes[uri][0]
    assert (edit.range.start.line, edit.range.start.character, edit.new_text) == (5, 4, "[[topic|Topic]]")
    fix_all = by_title["Fix all safe notecheck problems"]
    assert "See [[topic|Topic]] and" in fix_all.edit.changes[uri][0].new_text
    # Applied as an editor applies it: the change comes back, the finding is gone.
    text = fix_all.edit.changes[uri][0].new_text
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    found = await diagnostics_for(client, uri, lambda d: len(d) == 1)
    assert places(found) == [("NC101", 5, 46, 57)]


@pytest.mark.asyncio
async def test_hover_on_a_citation_and_on_a_wikilink(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    on_citation = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=7, character=25)
        )
    )
    assert on_citation is not None
    text = on_citation.contents.value
    assert "**Cited time** 00:01:05" in text and "**Video length** 00:10:00 (from front matter 'duration')" in text
    assert "https://www.youtube.com/watch?v=abcdefghijk&t=65s" in text
    assert "> [00:01:05] In 1992 the war began." in text and "> [00:00:50] Before the talk." not in text
    assert "> [00:01:20] It ended in a ceasefire." in text and "Later." not in text
    on_link = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=30)
        )
    )
    assert on_link is not None
    assert on_link.contents.value.startswith("**topics/topic.md**")
    assert "## Origins\n\nThe first lines of the origins." in on_link.contents.value


@pytest.mark.asyncio
async def test_go_to_definition_opens_the_heading(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=30)
        )
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri_of(vault, "topics/topic.md") and location.range.start.line == 2


@pytest.mark.asyncio
async def test_the_configuration_is_reloaded_when_it_changes(client: LanguageClient, vault: Path) -> None:
    uri = await open_note(client, vault, "videos/talk.md")
    assert "NC104" in [d.code for d in client.diagnostics[uri]]
    (vault / ".notecheck.toml").write_text('ignore = ["NC104"]\n')
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    found = await diagnostics_for(client, uri, lambda d: d and "NC104" not in [x.code for x in d])
    assert [d.code for d in found] == ["NC101"]


def test_without_the_extra_the_command_says_how_to_install_it() -> None:
    import subprocess

    code = "import sys; sys.modules['pygls'] = None; from notecheck.cli.main import main; sys.exit(main(['server']))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 2
    assert 'pip install "notecheck-vault[lsp]"' in done.stderr and "Traceback" not in done.stderr
