"""What the coalition part adds to core (issue 12): menu entries, start cards, audit labels,
scope rules, figures. Called from ``benchmark/extensions.py``."""


def register() -> None:
    pass
