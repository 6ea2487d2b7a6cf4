"""Factories for core records, and the fictitious ``small_municipality``.

The suite loads the real reference data of a few municipalities only (Zeist, De Bilt, Utrecht,
Amsterdam: see ``omzien.core.tests.fixtures``). A new test that needs geography (districts,
postcodes, teams) should use the fictitious municipality of :func:`make_small_municipality`
(the ``small_municipality`` fixture); these factories make other fictitious records.

Users have no usable password (hashing one costs time in every test); a test that logs in
through the login form asks for one: ``UserFactory(password=TEST_PASSWORD)``,
``UserFactory(with_password=True)`` or ``member(role, municipality, with_password=True)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth.hashers import make_password
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.models import (
    District,
    Membership,
    Municipality,
    Organisation,
    PostcodeArea,
    Resident,
    Team,
    User,
)
from omzien.core.roles import NATIONAL_ROLES
from omzien.core.scoping import forget_memberships

TEST_PASSWORD = "Test-wachtwoord-2026"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    # GM9000..GM9899: GM99xx is left to small_municipality (GM9901) and "unknown" codes.
    code = factory.Sequence(lambda n: f"GM9{n % 900:03d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A user without a usable password (no hashing, so no cost), unless the test asks for one:
    ``UserFactory(password="...")`` or ``UserFactory(with_password=True)`` (TEST_PASSWORD)."""

    class Meta:
        model = User

    class Params:
        with_password = factory.Trait(password=TEST_PASSWORD)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = None

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs["password"] = make_password(kwargs.get("password") or None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # make_password(None) is an unusable password: no hashing.
        kwargs["password"] = make_password(kwargs.get("password") or None)
        return super()._create(model_class, *args, **kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.WELFARE


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    municipality = factory.SubFactory(MunicipalityFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, municipality=factory.SelfAttribute("..municipality")
    )
    name = factory.Sequence(lambda n: f"Team {n}")


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Fictieve Inwoner {n}")
    street = "Teststraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "9999 ZZ"


def member(role: str, municipality=None, *, user=None, districts=(), team=None, **kwargs) -> User:
    """A user holding ``role`` in ``municipality`` (national roles take no municipality)."""
    user = user or UserFactory(**kwargs)
    membership = Membership.objects.create(
        user=user,
        municipality=None if role in NATIONAL_ROLES else municipality,
        role=role,
        team=team,
    )
    if districts:
        membership.districts.set(districts)
    forget_memberships(user)
    return user


def login_verified(client, user) -> None:
    """Log a test client in as ``user`` with a confirmed, verified second factor."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="test", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


SMALL_MUNICIPALITY_CODE = "GM9901"


@dataclass(frozen=True)
class SmallMunicipality:
    """What :func:`make_small_municipality` made; see there."""

    municipality: Municipality
    organisation: Organisation
    districts: tuple[District, ...]
    teams: tuple[Team, ...]
    #: pc4 -> its district (every PC4 area of the municipality)
    postcodes: dict[str, District]

    def postcode_in(self, district: District) -> str:
        """A full postcode ("9910 AA") that routes to ``district``."""
        pc4 = next(pc4 for pc4, d in self.postcodes.items() if d == district)
        return f"{pc4} AA"


def _square(lon: float, lat: float, size: float = 0.01) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def make_small_municipality() -> SmallMunicipality:
    """A small fictitious municipality for tests that need geography.

    * municipality **Proefdorp**, code ``GM9901``, slug ``proefdorp`` (no province, no key
      figures);
    * three districts, each a square of 0.01 degree in a row from west to east:
      ``WK990101`` *Noord* (PC4 9910 and 9916), ``WK990102`` *Midden* (9920) and
      ``WK990103`` *Zuid* (9930); PC4 codes that do not exist in the real data, so a lookup
      of, say, "9920 AB" finds Proefdorp, Midden;
    * one welfare organisation *Welzijn Proefdorp* with a team per district
      (*Team Noord*, *Team Midden*, *Team Zuid*), each serving its district.

    Nothing personal (no users, no residents): add those with the factories above, e.g.
    ``member(Role.CASEWORKER, small.municipality, team=small.teams[0])``. Use it through the
    ``small_municipality`` fixture (conftest.py), which needs the database::

        def test_routing(small_municipality):
            noord = small_municipality.districts[0]
            postcode = small_municipality.postcode_in(noord)  # "9910 AA"
    """
    municipality = Municipality.objects.create(
        code=SMALL_MUNICIPALITY_CODE, name="Proefdorp", slug="proefdorp"
    )
    organisation = Organisation.objects.create(
        municipality=municipality, name="Welzijn Proefdorp", kind=Organisation.Kind.WELFARE
    )
    districts = []
    teams = []
    postcodes = {}
    layout = (("Noord", ("9910", "9916")), ("Midden", ("9920",)), ("Zuid", ("9930",)))
    for index, (name, pc4s) in enumerate(layout):
        lon = 4.90 + index * 0.01
        district = District.objects.create(
            municipality=municipality,
            code=f"WK{SMALL_MUNICIPALITY_CODE[2:]}{index + 1:02d}",
            name=name,
            inhabitants=1000 * (index + 1),
            households=450 * (index + 1),
            pct_65plus=20.0 + index,
            geometry=_square(lon, 52.50),
        )
        team = Team.objects.create(
            municipality=municipality, organisation=organisation, name=f"Team {name}"
        )
        team.districts.set([district])
        for pc4 in pc4s:
            PostcodeArea.objects.create(
                pc4=pc4,
                municipality=municipality,
                district=district,
                place="Proefdorp",
                latitude=52.505,
                longitude=lon + 0.005,
                inhabitants=500,
            )
            postcodes[pc4] = district
        districts.append(district)
        teams.append(team)
    return SmallMunicipality(
        municipality=municipality,
        organisation=organisation,
        districts=tuple(districts),
        teams=tuple(teams),
        postcodes=postcodes,
    )
