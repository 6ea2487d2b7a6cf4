"""Routes of the round's progress (issue 11); included by visits/urls.py."""

patterns: list = []
