from django.db import migrations

from core.search import name_search_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0009_intake_closes_at_index"),
        ("members", "0008_name_search_indexes"),
    ]

    operations = name_search_indexes("enrollment_application", "full_name")
