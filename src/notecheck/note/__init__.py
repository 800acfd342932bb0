"""A note on its own: bytes to text to tokens with file positions, its front matter,
and the summary the vault phase reads. Knows no rule and no vault."""
