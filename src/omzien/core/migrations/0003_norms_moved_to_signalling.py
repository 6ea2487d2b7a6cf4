"""Issue 7: the norms and periods of the signalling point live in
``signalling.SignallingSettings`` now (signalling's migration 0004 copies them first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]

    operations = [
        migrations.RemoveField(model_name="municipality", name=name)
        for name in (
            "first_contact_hours",
            "urgent_contact_hours",
            "retention_days",
            "unreachable_attempts",
        )
    ]
