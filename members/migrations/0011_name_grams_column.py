from django.db import migrations

from core.search import name_grams_column


class Migration(migrations.Migration):
    dependencies = [("members", "0010_merge_scale")]

    operations = name_grams_column("members_member", "name")
