"""The rules, by family; each family keeps its own grammar beside its rules."""
