"""Routes of the round's volunteers (issue 11); included by visits/urls.py."""

patterns: list = []
