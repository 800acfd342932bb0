"""The vault: which files exist, how a link target resolves, video metadata and transcripts."""
