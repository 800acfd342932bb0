"""Allow ``python -m notecheck``."""

from notecheck.cli.main import main

raise SystemExit(main())
