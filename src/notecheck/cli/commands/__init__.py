"""The commands besides checking: rules, explain, clean, init."""
