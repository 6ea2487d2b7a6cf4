"""Routes of the round's letters (issue 11); included by visits/urls.py."""

patterns: list = []
