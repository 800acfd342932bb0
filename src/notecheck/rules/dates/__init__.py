"""Dates of facts (NC4xx) and the date grammar they share."""
