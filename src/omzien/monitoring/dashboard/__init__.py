"""dashboard (issue 12)."""
