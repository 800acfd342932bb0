"""Front matter (NC3xx)."""
