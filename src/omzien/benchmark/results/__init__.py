"""results (issue 12)."""
