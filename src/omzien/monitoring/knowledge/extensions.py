"""What the knowledge part adds to core (issue 12): menu entries, start cards, audit labels,
scope rules, figures. Called from ``monitoring/extensions.py``."""


def register() -> None:
    pass
