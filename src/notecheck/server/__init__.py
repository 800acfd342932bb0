"""``notecheck server``: the language server (pygls, the ``lsp`` extra)."""
