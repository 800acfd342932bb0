"""Allow ``python -m notecheck``."""

from notecheck.cli import main

raise SystemExit(main())
