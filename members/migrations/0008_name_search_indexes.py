from django.db import migrations

from core.search import name_search_indexes, search_functions


class Migration(migrations.Migration):
    dependencies = [("members", "0007_merge_0006_names_and_choices_0006_pending_kind")]

    operations = [*search_functions(), *name_search_indexes("members_member", "name")]
