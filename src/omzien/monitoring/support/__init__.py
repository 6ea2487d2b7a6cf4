"""support (issue 12)."""
