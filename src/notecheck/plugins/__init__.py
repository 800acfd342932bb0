"""markdown-it-py plugins that turn wikilinks and citations into tokens."""
