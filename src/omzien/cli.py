"""The ``omzien`` console script.

Each command lives in its own module and is imported only when it runs, so ``omzien`` starts
fast and needs no Django settings for commands that do not use Django (such as ``survey``).
Django's own commands stay under ``python -m omzien.manage``.

    omzien survey score INPUT --out OUTPUT [...]
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

# command -> (module with main(argv, prog=...) -> int, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "survey": ("omzien.assessment.survey", "score loneliness survey microdata"),
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name.ljust(width)}  {help_}" for name, (_, help_) in sorted(COMMANDS.items())]
    return "usage: omzien COMMAND [ARGS...]\n\ncommands:\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch ``omzien COMMAND ...`` to the command's module; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print(_usage(), file=sys.stderr)
        return 2
    if args[0] in {"-h", "--help"}:
        print(_usage())
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"{_usage()}\n\nomzien: error: unknown command {command!r}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return int(module.main(rest, prog=f"omzien {command}"))


if __name__ == "__main__":
    raise SystemExit(main())
