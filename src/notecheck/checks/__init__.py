"""Every rule module of this package is imported by ``registry.all_rules``."""
