from django.db import migrations


class Migration(migrations.Migration):
    """The monitoring app starts without models; its parts add theirs (issue 12)."""

    initial = True
    dependencies: list = []
    operations: list = []
