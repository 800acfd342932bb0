"""markdown-it-py plugins: wikilinks, citations and Markdown links as tokens with offsets."""
