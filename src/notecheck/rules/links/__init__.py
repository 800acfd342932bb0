"""Wikilinks (NC1xx)."""
