"""Issue 7: the signalling point owns its norms and periods, and the partner API's queue is
named for what it holds.

* ``first_contact_hours``, ``urgent_contact_hours``, ``unreachable_attempts`` and
  ``retention_days`` move from ``core.Municipality`` to ``SignallingSettings``; every value a
  municipality had set is copied (a row is made only where a value differs from the
  default or a row already exists). core's migration 0003 then drops the old columns; this
  migration runs before it.
* ``SignalIntake`` becomes ``AcceptedSignal`` (same table contents, same constraints).
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "first_contact_hours": 48,
    "urgent_contact_hours": 4,
    "unreachable_attempts": 3,
    "retention_days": 365,
}


def copy_norms(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    SignallingSettings = apps.get_model("signalling", "SignallingSettings")
    existing = set(SignallingSettings.objects.values_list("municipality_id", flat=True))
    for municipality in Municipality.objects.only("pk", *MOVED):
        values = {name: getattr(municipality, name) for name in MOVED}
        if municipality.pk in existing:
            SignallingSettings.objects.filter(municipality_id=municipality.pk).update(**values)
        elif values != MOVED:
            SignallingSettings.objects.create(municipality_id=municipality.pk, **values)


def copy_back(apps, schema_editor):
    Municipality = apps.get_model("core", "Municipality")
    SignallingSettings = apps.get_model("signalling", "SignallingSettings")
    for row in SignallingSettings.objects.all():
        Municipality.objects.filter(pk=row.municipality_id).update(
            **{name: getattr(row, name) for name in MOVED}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
        ("signalling", "0003_signal_intake"),
    ]
    run_before = [("core", "0003_norms_moved_to_signalling")]

    operations = [
        migrations.AddField(
            model_name="signallingsettings",
            name="first_contact_hours",
            field=models.PositiveIntegerField(
                default=48,
                help_text="Binnen hoeveel uur na een melding neemt een welzijnswerker contact op.",
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(1440),
                ],
                verbose_name="norm eerste contact (uren)",
            ),
        ),
        migrations.AddField(
            model_name="signallingsettings",
            name="urgent_contact_hours",
            field=models.PositiveIntegerField(
                default=4,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(72),
                ],
                verbose_name="norm eerste contact bij urgente melding (uren)",
            ),
        ),
        migrations.AddField(
            model_name="signallingsettings",
            name="unreachable_attempts",
            field=models.PositiveIntegerField(
                default=3,
                help_text=(
                    "Zoveel contactpogingen zijn nodig voordat een traject als onbereikbaar sluit."
                ),
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(20),
                ],
                verbose_name="pogingen voor 'onbereikbaar'",
            ),
        ),
        migrations.AddField(
            model_name="signallingsettings",
            name="retention_days",
            field=models.PositiveIntegerField(
                default=365,
                help_text=(
                    "Na deze termijn worden persoonsgegevens van een afgesloten traject gewist."
                ),
                validators=[
                    django.core.validators.MinValueValidator(30),
                    django.core.validators.MaxValueValidator(3650),
                ],
                verbose_name="bewaartermijn afgesloten trajecten (dagen)",
            ),
        ),
        migrations.RunPython(copy_norms, copy_back),
        migrations.RenameModel(old_name="SignalIntake", new_name="AcceptedSignal"),
        migrations.AlterField(
            model_name="acceptedsignal",
            name="signal",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="accepted",
                to="signalling.signal",
                verbose_name="melding",
            ),
        ),
    ]
