"""Allow ``python -m notecheck``."""

from notecheck.cli import entry_point

entry_point()
