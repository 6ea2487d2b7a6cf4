"""factsheet (issue 12)."""
