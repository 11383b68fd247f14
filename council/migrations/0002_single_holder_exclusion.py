"""PostgreSQL only: the database itself refuses two overlapping terms of a single-holder
position (an exclusion constraint on the dates, both ends included; an empty end is open).
SQLite has no such constraint: there the service's lock and the model's check do it."""

from django.db import migrations

SQL = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE council_term ADD CONSTRAINT council_single_holder_no_overlap
EXCLUDE USING gist (position WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
WHERE (position IN ('chair', 'secretary_general', 'chief_supervisor'));
"""
REVERSE = "ALTER TABLE council_term DROP CONSTRAINT IF EXISTS council_single_holder_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("council", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
