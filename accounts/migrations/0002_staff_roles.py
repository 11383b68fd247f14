from django.db import migrations

ROLES = (
    "secretary_general",
    "member_affairs",
    "projects",
    "enrollment_reviewer",
    "reports",
    "auditor",
)


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    # Staff could do everything before roles: they keep it until the secretary-general narrows it.
    secretary_general = Group.objects.get(name="secretary_general")
    for user in User.objects.filter(is_staff=True, is_superuser=False):
        user.groups.add(secretary_general)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
