"""The house rules of docs/architecture.md that a linter cannot see (issue 7).

* core names no later app: its templates reverse only core URLs, its Python names no later
  app's URL or package (import-linter checks imports; this checks strings);
* every app has a URL namespace;
* user-facing Dutch text goes through gettext: no plain string literal is passed to a
  message, a validation error, a workflow refusal or an e-mail subject.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.issue(7)

SRC = Path(__file__).resolve().parents[2]
CORE = SRC / "core"
LATER_APPS = ("assessment", "socialmap", "signalling", "visits", "riskmap", "benchmark")
URL_TAG = re.compile(r"""\{%\s*url\s+['"]([\w:-]+)['"]""")


def core_templates() -> list[Path]:
    roots = [SRC / "templates", CORE / "templates"]
    return [p for root in roots if root.exists() for p in sorted(root.rglob("*.*"))]


def test_core_templates_name_only_core_urls():
    named = {
        (path.relative_to(SRC), name)
        for path in core_templates()
        for name in URL_TAG.findall(path.read_text(encoding="utf-8"))
    }
    assert named, "the walk found no {% url %} tags at all"
    foreign = sorted((str(p), n) for p, n in named if not n.startswith(("core:", "core_api:")))
    assert foreign == []


def test_core_python_names_no_later_app():
    pattern = re.compile(
        rf"""['"]({"|".join(LATER_APPS)})(_api)?:|omzien\.({"|".join(LATER_APPS)})"""
    )
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert found == []


def test_every_app_has_a_url_namespace():
    namespaces = {
        entry.namespace
        for top in get_resolver().url_patterns
        for entry in ([top] + list(getattr(top, "url_patterns", [])))
        if isinstance(entry, URLResolver) and entry.namespace
    }
    assert {"core", "core_api", "assessment", "signalling", "signalling_api"} <= namespaces
    unnamespaced = [
        str(top.pattern)
        for top in get_resolver().url_patterns
        if not isinstance(top, URLResolver) and top.name
    ]
    assert unnamespaced == []


#: Calls whose first argument a user reads: it must be a gettext call, not a plain literal.
USER_TEXT_CALLS = {
    "success",
    "error",
    "warning",
    "info",
    "ValidationError",
    "TransitionError",
    "SetupError",
    "add_error",
    "send_mail",
}
MESSAGE_LEVELS = {"success", "error", "warning", "info"}
#: Code that is not Django (a library for researchers) or not user-facing.
NOT_USER_FACING = ("assessment/scales/", "assessment/survey/", "core/data/build.py", "/api/")


def _user_text_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in USER_TEXT_CALLS:
            continue
        receiver = getattr(func, "value", None)
        if name in MESSAGE_LEVELS and getattr(receiver, "id", "messages") != "messages":
            continue  # logger.info(...) and the like: logs are for operators, in English
        texts = [a for a in node.args if isinstance(a, ast.Constant | ast.JoinedStr)]
        if name == "add_error":
            texts = texts[1:]  # the first argument is the field name
        for arg in texts:
            if isinstance(arg, ast.JoinedStr) or (isinstance(arg.value, str) and arg.value):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {name}(...)")
    return found


def test_user_facing_text_goes_through_gettext():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = str(path.relative_to(SRC))
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if any(part in relative for part in NOT_USER_FACING):
            continue
        found += _user_text_literals(path)
    assert found == []


REPO = SRC.parents[1]
FILE_REFERENCE = re.compile(r"(?<![\w.*])((?:[\w-]+/)*[A-Za-z][\w-]*\.py)\b")


def test_comments_and_docs_cite_files_that_exist():
    """A comment, docstring or doc that names a .py file names one in this repository."""
    python_files = [
        str(p.relative_to(REPO))
        for p in REPO.rglob("*.py")
        if not any(part.startswith((".venv", ".git", "var")) for part in p.relative_to(REPO).parts)
    ]
    readers = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    readers += [p for p in sorted(SRC.rglob("*.py")) if "migrations" not in p.parts]
    missing = set()
    for path in readers:
        for ref in FILE_REFERENCE.findall(path.read_text(encoding="utf-8")):
            if not any(f == ref or f.endswith("/" + ref) for f in python_files):
                missing.add(f"{path.relative_to(REPO)}: {ref}")
    assert sorted(missing) == []
