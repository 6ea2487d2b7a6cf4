"""national (issue 12)."""
