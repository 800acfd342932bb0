"""The rule API (Rule, options, reports), the registry, the rule set, the two phases,
suppressions, the engine's own diagnostics (NC001-NC004) and the rule pages."""
