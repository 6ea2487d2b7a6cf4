"""knowledge (issue 12)."""
