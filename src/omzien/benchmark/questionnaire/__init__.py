"""questionnaire (issue 12)."""
