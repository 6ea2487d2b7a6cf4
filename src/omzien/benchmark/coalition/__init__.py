"""coalition (issue 12)."""
