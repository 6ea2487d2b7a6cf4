"""Onboarding a new municipality from nothing to its first signal, in Chromium (issue 8,
item 6): the programme team invites De Bilt's first coordinator; she chooses a password,
sets up the second factor, accepts; makes a team for every district; opens the signalling
point; a neighbour reports on a phone; the signal is in her queue.

With OMZIEN_SCREENSHOTS=<dir> the steps are saved as screenshots (docs/onboarding.md uses
them)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe import assert_accessible
from django.core import mail
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.models import PostcodeArea, User
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.core.totp import current_code

pytestmark = pytest.mark.issue(8)

PASSWORD = "Een-lang-wachtwoord-voor-De-Bilt-2026"


def shot(page, name: str) -> None:
    folder = os.environ.get("OMZIEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"onboarding-{name}.png"), full_page=True)


@pytest.fixture
def site(transactional_db, live_url):
    cache.clear()
    programme = member(Role.PROGRAMME, email="programma@vws.example")
    programme.set_password(PASSWORD)
    programme.save()
    return live_url


def log_in(page, base: str, who: str) -> None:
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(who)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_from_nothing_to_the_first_signal(browser, page, phone_page, site):
    # 1. The programme team invites De Bilt's first coordinator.
    log_in(page, site, "programma@vws.example")
    page.goto(f"{site}/landelijk/gemeenten/?q=bilt")
    assert_accessible(page, "gemeenten aanmelden")
    shot(page, "1-gemeenten")
    page.get_by_role("link", name="De Bilt aanmelden").click()
    page.get_by_label("Voornaam kartrekker").fill("Karin")
    page.get_by_label("Achternaam kartrekker").fill("de Vries")
    page.get_by_label("E-mailadres kartrekker").fill("karin@debilt.example")
    shot(page, "2-uitnodigen")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    page.wait_for_url("**/landelijk/gemeenten/")

    # 2. Karin follows the link in her e-mail, chooses a password, logs in.
    [message] = [m for m in mail.outbox if m.to == ["karin@debilt.example"]]
    link = re.search(r"http\S+/account/wachtwoord-kiezen/\S+/", message.body).group(0)
    karin = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    karin.goto(link)
    karin.wait_for_url("**/account/wachtwoord-kiezen/**")
    passwords = karin.locator("input[type=password]")
    passwords.nth(0).fill(PASSWORD)
    passwords.nth(1).fill(PASSWORD)
    karin.get_by_role("button", name="Opslaan").click()
    log_in(karin, site, "karin@debilt.example")
    # 3. Her invitation waits for her; she accepts it.
    karin.wait_for_url("**/uitnodigingen/")
    assert_accessible(karin, "uitnodiging aannemen")
    shot(karin, "3-uitnodiging")
    karin.get_by_role("button", name="Aannemen").click()
    # A coordinator sees personal data: the second factor, set up at the first visit.
    karin.goto(f"{site}/g/de-bilt/")
    karin.wait_for_url("**/account/tweede-stap/**")
    assert_accessible(karin, "tweede stap instellen")
    shot(karin, "3-tweede-stap")
    device = TOTPDevice.objects.get(user__email="karin@debilt.example")
    karin.get_by_label("Code uit uw app").fill(current_code(device))
    karin.get_by_role("button", name="Bevestigen").click()
    karin.wait_for_url("**/g/de-bilt/")
    assert "Kartrekker" in karin.content()

    # 4. A team for every district of De Bilt.
    karin.goto(f"{site}/g/de-bilt/teams/")
    karin.get_by_label("Naam van het team").fill("Team De Bilt")
    karin.get_by_label("Naam van de nieuwe organisatie").fill("Welzijn De Bilt")
    karin.get_by_role("button", name="Team maken").click()
    karin.wait_for_url("**/g/de-bilt/teams/*/")
    for box in karin.get_by_test_id("team-districts").locator("input[type=checkbox]").all():
        box.check()
    assert_accessible(karin, "team met wijken")
    shot(karin, "4-team")
    karin.get_by_role("button", name="Wijken opslaan").click()

    # 5. The checklist is complete: she opens the signalling point.
    karin.goto(f"{site}/g/de-bilt/signaalpunt/")
    assert karin.get_by_test_id("districts-without-team").count() == 0
    shot(karin, "5-openen")
    karin.get_by_role("button", name="Signaalpunt openen").click()
    assert "is open sinds" in karin.get_by_test_id("live-state").inner_text()

    # 6. A neighbour reports on a phone.
    pc4 = PostcodeArea.objects.filter(municipality__code="GM0310").order_by("pc4").first().pc4
    phone_page.goto(f"{site}/melden/de-bilt/")
    phone_page.get_by_label("Postcode").fill(f"{pc4} AB")
    phone_page.get_by_label("Huisnummer").fill("3")
    phone_page.get_by_role("button", name="Volgende stap").click()
    phone_page.wait_for_url("**?stap=2")
    phone_page.get_by_label("De gordijnen zijn al dagen dicht").check()
    phone_page.get_by_role("button", name="Volgende stap").click()
    phone_page.wait_for_url("**?stap=3")
    phone_page.get_by_role("button", name="Melding versturen").click()
    phone_page.wait_for_url("**/ontvangen/")
    code = phone_page.get_by_test_id("receipt-code").inner_text().strip()

    # 7. It is in Karin's queue, routed to her new team.
    karin.goto(f"{site}/g/de-bilt/meldingen/")
    assert code in karin.content() and "Team De Bilt" in karin.content()
    shot(karin, "6-eerste-melding")
    assert User.objects.get(email="karin@debilt.example").memberships.get().role == "coordinator"
