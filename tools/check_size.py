"""Size limits of docs/architecture.md: no module over 400 lines and no function over 60
lines, outside migrations and tests. Run by ``make lint``; exits 1 and names every offender.

A function's length runs from its ``def`` line to the last line of its body (decorators not
counted), so a long docstring counts: split the function or shorten the text.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ROOTS = ("src", "bench", "tools")
SKIP_PARTS = {"migrations", "tests", ".venv"}


def sources(root: Path):
    for name in ROOTS:
        for path in sorted((root / name).rglob("*.py")):
            if not SKIP_PARTS & set(path.relative_to(root).parts):
                yield path


def offences(path: Path, root: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(root)
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{where}: {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{where}:{node.lineno}: {node.name}() is {length} lines "
                    f"(at most {MAX_FUNCTION_LINES})"
                )
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    found = [offence for path in sources(root) for offence in offences(path, root)]
    for offence in found:
        print(offence)
    if found:
        print(f"{len(found)} size limit(s) exceeded (docs/architecture.md, 'Size').")
        return 1
    print("Sizes OK: every module <= 400 lines, every function <= 60 lines.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
