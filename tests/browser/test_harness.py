"""Smoke tests of the browser harness itself: no Django, no database, no server."""

import pytest
from axe import assert_accessible, run_axe

GOOD_PAGE = """<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Goede pagina</title>
</head>
<body>
  <main>
    <h1>Aanmelden</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Logo van de gemeente">
    <form>
      <label for="naam">Naam</label>
      <input id="naam" name="naam" type="text" autocomplete="name">
      <button type="submit">Verstuur</button>
    </form>
  </main>
</body>
</html>"""

BAD_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Slechte pagina</title></head>
<body>
  <main>
    <h1>Aanmelden</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <form><input id="naam" name="naam" type="text"></form>
  </main>
</body>
</html>"""

# Blocks every inline and external script, so axe cannot be injected with a <script> tag.
STRICT_CSP_PAGE = BAD_PAGE.replace(
    '<meta charset="utf-8">',
    '<meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">',
)


def test_good_page_passes(page):
    page.set_content(GOOD_PAGE)
    results = assert_accessible(page, "harness: good page")
    assert results["violations"] == []


def test_bad_page_is_reported(page):
    page.set_content(BAD_PAGE)
    with pytest.raises(pytest.fail.Exception) as excinfo:
        assert_accessible(page, "harness: bad page")
    message = str(excinfo.value)
    assert "harness: bad page" in message
    assert "image-alt" in message
    assert "label" in message
    assert "img" in message and "#naam" in message  # node targets are listed


def test_axe_is_injected_despite_strict_csp(page):
    page.set_content(STRICT_CSP_PAGE)
    violations = {v["id"] for v in run_axe(page)["violations"]}
    assert {"image-alt", "label"} <= violations


def test_phone_page_is_mobile(phone_page):
    phone_page.set_content(GOOD_PAGE)
    assert phone_page.evaluate("() => window.innerWidth") == 390
    assert phone_page.evaluate("() => navigator.language") == "nl-NL"
    assert phone_page.evaluate("() => navigator.maxTouchPoints") > 0
    assert phone_page.evaluate("() => matchMedia('(pointer: coarse)').matches")
    assert_accessible(phone_page, "harness: good page on a phone")


def test_marker_is_added(request):
    assert request.node.get_closest_marker("browser") is not None
