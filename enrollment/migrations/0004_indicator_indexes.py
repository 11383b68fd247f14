"""A covering index for the annual indicators (reports/indicators.py, benchmarks/run.py).

The enrollment figures count a year's applications by status and first submission; with this
index PostgreSQL reads them from the index alone (an index-only scan) instead of fetching every
wide row with its encrypted columns. PostgreSQL only (INCLUDE), so it is plain SQL outside the
model state: elsewhere there is nothing to create.
"""

from django.db import migrations

INDEX = "application_indicators_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON enrollment_application "
            "(intake_id, status) INCLUDE (submitted_at, id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0003_encrypt_personal_data")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
