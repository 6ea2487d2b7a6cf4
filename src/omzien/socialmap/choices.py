"""Choices of the social map (issue 9): the seven kinds of activity that work (DOMAIN.md
section 2), target groups, where an activity is, and the publish status."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """Bouwman & Van Tilburg (2020): the working elements against loneliness."""

    MEANINGFUL_ACTIVITY = "meaningful_activity", _("Zinvol bezig zijn")
    MEETING = "meeting", _("Ontmoeting")
    PRACTICAL_SUPPORT = "practical_support", _("Praktische ondersteuning")
    MEANINGFUL_CONTACT = "meaningful_contact", _("Betekenisvol contact")
    SOCIAL_SKILLS = "social_skills", _("Sociale vaardigheden")
    MEANINGFUL_ROLE = "meaningful_role", _("Betekenisvolle rol")
    REALISTIC_EXPECTATIONS = "realistic_expectations", _("Realistische verwachtingen")


class TargetGroup(models.TextChoices):
    WIDOWHOOD = "widowhood", _("Na het overlijden van een partner")
    RETIREMENT = "retirement", _("Na het pensioen")
    MOVED = "moved", _("Na een verhuizing")
    CARERS = "carers", _("Mantelzorgers")
    LGBTIQ = "lgbtiq", _("LHBTIQ+")
    NEWCOMERS = "newcomers", _("Nieuwkomers")
    HEARING_SIGHT = "hearing_sight", _("Met gehoor- of zichtverlies")
    YOUNG_ADULTS = "young_adults", _("Jongvolwassenen")
    STUDENTS = "students", _("Studenten")


class Where(models.TextChoices):
    VENUE = "venue", _("Op een adres")
    ONLINE = "online", _("Online")
    AT_HOME = "at_home", _("Bij de inwoner thuis")


class Status(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend, wacht op de kartrekker")
    PUBLISHED = "published", _("Gepubliceerd")
    ARCHIVED = "archived", _("Gearchiveerd")
