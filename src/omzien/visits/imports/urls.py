"""Routes of the round's imports (issue 11); included by visits/urls.py."""

patterns: list = []
