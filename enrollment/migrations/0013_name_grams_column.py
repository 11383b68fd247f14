from django.db import migrations

from core.search import name_grams_column


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0012_merge_0010_name_search_indexes_0011_merge_questions"),
    ]

    operations = name_grams_column("enrollment_application", "full_name")
