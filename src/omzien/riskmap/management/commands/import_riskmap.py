"""manage.py import_riskmap SOURCE FILE [--year N] [--municipality GM0000]

Reads a whole file, refuses it with every bad line and column named (nothing changes), or
replaces that source's figures of the year(s) in the file. ``--shipped`` loads the GGD young
adults monitor 2024 shipped in riskmap/data/ (used by ``make run``; idempotent)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omzien.core.models import Municipality
from omzien.riskmap.importers.odata import parse_file
from omzien.riskmap.importers.report import ImportRefused, format_report
from omzien.riskmap.importers.services import apply_parsed
from omzien.riskmap.importers.survey import parse_survey
from omzien.riskmap.models import ImportRun, Source

SHIPPED = Path(__file__).resolve().parents[2] / "data"
SHIPPED_GGD = SHIPPED / "gezondheidsmonitor_jongvolwassenen_2024_50140NED.csv"
SHIPPED_GGD_YEAR = 2024  # the table has no Perioden column


class Command(BaseCommand):
    help = "Lees cijfers per wijk in voor de risicokaart (RIVM, GGD, CBS of eigen onderzoek)."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", choices=[s.value for s in Source])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--year", type=int, help="jaar, als het bestand geen Perioden heeft")
        parser.add_argument("--municipality", help="gemeentecode (GM0355), bij eigen onderzoek")
        parser.add_argument(
            "--shipped", action="store_true", help="de meegeleverde GGD-monitor 2024 inlezen"
        )

    def handle(self, *args, **options):
        if options["shipped"]:
            source, path = Source.GGD_YOUNG, SHIPPED_GGD
            options["year"] = SHIPPED_GGD_YEAR
        elif options["source"] and options["file"]:
            source, path = options["source"], Path(options["file"])
        else:
            raise CommandError("Geef een bron en een bestand, of --shipped.")
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        data = path.read_bytes()
        if options["shipped"] and self._already_loaded(data):
            self.stdout.write(f"{path.name}: al ingelezen, niets veranderd.")
            return
        municipality = None
        try:
            if source == Source.OWN_SURVEY:
                municipality = self._municipality(options["municipality"])
                if options["year"] is None:
                    raise CommandError("Geef bij een eigen onderzoek het jaar op (--year).")
                parsed = parse_survey(
                    data, path.name, municipality=municipality, year=options["year"]
                )
            else:
                parsed = parse_file(data, path.name, source, year=options["year"])
        except ImportRefused as refused:
            raise CommandError(f"Niets ingelezen.\n{refused}") from None
        apply_parsed(parsed, municipality=municipality, data=data)
        self.stdout.write(format_report(parsed))

    @staticmethod
    def _already_loaded(data: bytes) -> bool:
        """Whether the shipped file is the last one loaded for its year (``make run``)."""
        last = ImportRun.objects.filter(
            source=Source.GGD_YOUNG, year=SHIPPED_GGD_YEAR, municipality=None
        ).first()
        return last is not None and last.sha256 == hashlib.sha256(data).hexdigest()

    @staticmethod
    def _municipality(code: str | None) -> Municipality:
        if not code:
            raise CommandError("Geef bij een eigen onderzoek de gemeente op (--municipality).")
        try:
            return Municipality.objects.get(code=code.strip().upper())
        except Municipality.DoesNotExist:
            raise CommandError(f"Gemeente {code} niet gevonden.") from None
