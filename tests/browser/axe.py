"""Accessibility checks with axe-core in a Playwright page.

Usage in a browser test (tests/browser/ has no __init__.py, so pytest puts it on sys.path)::

    from axe import assert_accessible

    def test_dashboard(page, live_url):
        page.goto(live_url + "/")
        assert_accessible(page, "dashboard")

axe-core is vendored in tests/browser/vendor/axe-core/ (see src/omzien/static/vendor/README.md).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"

# WCAG 2.1 level A and AA, the level required of Dutch government websites.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

# Violations with these impacts fail the test; "minor" and "moderate" are returned by
# run_axe() but do not fail assert_accessible().
FAILING_IMPACTS = ("serious", "critical")

_RUN_AXE_JS = """
async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: { type: "tag", values: tags },
    resultTypes: ["violations"],
  });
  return {
    url: results.url,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    })),
  };
}
"""


def _inject_axe(page: Any) -> None:
    if page.evaluate("() => typeof window.axe !== 'undefined'"):
        return
    # Fails (or silently does nothing) when a Content-Security-Policy forbids inline scripts.
    with contextlib.suppress(Exception):
        page.add_script_tag(path=str(AXE_PATH))
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # A strict CSP blocks the inline <script> add_script_tag creates; evaluating through
        # the DevTools protocol is not subject to the page's CSP.
        page.evaluate("(source) => { (0, eval)(source); }", AXE_PATH.read_text(encoding="utf-8"))
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        pytest.fail(f"could not load axe-core from {AXE_PATH} into {page.url}")


def run_axe(page: Any, tags: tuple[str, ...] = WCAG_TAGS) -> dict[str, Any]:
    """Run axe-core on the current document and return {"url", "violations": [...]}."""
    _inject_axe(page)
    return page.evaluate(_RUN_AXE_JS, list(tags))


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            target = " ".join(
                t if isinstance(t, str) else " >> ".join(map(str, t)) for t in node["target"]
            )
            lines.append(f"    at {target}: {node['html'][:200]}")
    return "\n".join(lines)


def assert_accessible(page: Any, context_label: str) -> dict[str, Any]:
    """Fail the test if axe-core finds a serious or critical WCAG 2.1 A/AA violation.

    context_label names the page or state being checked (e.g. "visit form, with errors")
    and is shown in the failure message. Returns the axe results for further assertions.
    """
    results = run_axe(page)
    failing = [v for v in results["violations"] if v.get("impact") in FAILING_IMPACTS]
    if failing:
        pytest.fail(
            f"axe-core: {len(failing)} serious/critical accessibility violation(s) on "
            f"{context_label!r} ({results['url']}):\n{format_violations(failing)}",
            pytrace=False,
        )
    return results
