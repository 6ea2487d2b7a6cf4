"""Factories for core records. Municipalities and districts come from the real reference
data where a test needs geography; these factories make fictitious ones for isolation."""

from __future__ import annotations

import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.models import (
    District,
    Membership,
    Municipality,
    Organisation,
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

    code = factory.Sequence(lambda n: f"GM9{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


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
