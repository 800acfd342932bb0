"""notecheck: a linter and citation validator for vaults of Markdown video notes."""

__version__ = "0.3.0"

# The name to install it by: "notecheck" on PyPI is an unrelated project.
DISTRIBUTION = "notecheck-vault"
HOMEPAGE = f"https://pypi.org/project/{DISTRIBUTION}/"
