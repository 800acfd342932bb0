"""notecheck: a linter and citation validator for vaults of Markdown video notes."""

__version__ = "0.2.0"
