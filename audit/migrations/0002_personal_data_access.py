from django.db import migrations


def copy_personal_data_access(apps, schema_editor):
    """The enrollment access log joins the audit trail (its model is removed next)."""
    Access = apps.get_model("enrollment", "PersonalDataAccess")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    for access in Access.objects.select_related("user", "application").iterator():
        act = "document" if access.what.startswith("document:") else "reveal"
        if access.what == "roster_export":
            act = "export"
        entry = AuditEntry.objects.create(
            user=access.user,
            user_name=access.user.username,
            act=act,
            object_type="enrollment.application",
            object_id=str(access.application_id),
            object_repr=access.application.full_name,
            detail=access.what,
        )
        AuditEntry.objects.filter(pk=entry.pk).update(at=access.at)  # keep when it happened


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("enrollment", "0006_intake_reviewers_intake_school"),
    ]

    operations = [migrations.RunPython(copy_personal_data_access, migrations.RunPython.noop)]
