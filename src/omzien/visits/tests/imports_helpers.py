"""Shared helpers of the import tests (issue 11, item 2): Zeist, a coordinator, a round and
an upload through the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from omzien.core.models import Municipality
from omzien.visits.models import AddressImport
from omzien.visits.tests.factories import visit_round

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"
HEADER = ("voorletters;roepnaam;tussenvoegsel;achternaam;geboortedatum;straat;huisnummer;"
          "huisletter;toevoeging;postcode;woonplaats;huishouden")  # fmt: skip
REFERENCE = dt.date(2027, 1, 1)


def zeist() -> Municipality:
    return Municipality.objects.get(code="GM0355")


def zeist_round(**fields):
    return visit_round(zeist(), reference_date=REFERENCE,
                       status=fields.pop("status", "preparing"), **fields)  # fmt: skip


def row(surname="Verhoeven", born="14-02-1944", postcode="3701 GA", number="12", letter="",
        addition="", street="Slotlaan", place="Zeist") -> str:  # fmt: skip
    return f"A.;Annie;;{surname};{born};{street};{number};{letter};{addition};{postcode};{place};"


def csv_of(*rows: str, header: str = HEADER) -> bytes:
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode()


def upload(client, round, content: bytes, *, name="adressen.csv", kind="addresses",
           outside="overslaan", expect=302) -> AddressImport | None:  # fmt: skip
    answer = client.post(
        f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/",
        {"kind": kind, "file": SimpleUploadedFile(name, content), "outside": outside},
    )
    assert answer.status_code == expect, answer.content.decode()[:3000]
    if expect != 302:
        return None
    return AddressImport.objects.get(pk=answer["Location"].rstrip("/").split("/")[-1])


def problems(job) -> list[tuple[int, str, str]]:
    return [(p["line"], p["column"], p["message"]) for p in job.problems]
