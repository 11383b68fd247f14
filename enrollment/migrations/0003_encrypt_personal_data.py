import enrollment.crypto
import core.validators
from django.db import migrations, models


def encrypt_existing(apps, schema_editor):
    """Rows stored in clear before: read (clear text passes through), write encrypted."""
    Application = apps.get_model("enrollment", "Application")
    for application in Application.objects.all().iterator():
        id_number = (application.id_number or "").strip().upper()
        application.id_number = id_number
        application.id_number_hash = enrollment.crypto.lookup_hash(id_number)
        application.id_tail = id_number[-4:]
        application.phone_hash = enrollment.crypto.lookup_hash(application.phone)
        application.phone_tail = (application.phone or "")[-4:]
        application.save(
            update_fields=[
                "id_number",
                "id_number_hash",
                "id_tail",
                "phone",
                "phone_hash",
                "phone_tail",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0002_review_documents_notifications")]

    operations = [
        migrations.RemoveConstraint(
            model_name="application", name="one_application_per_id_per_intake"
        ),
        migrations.AddField(
            model_name="application",
            name="id_number_hash",
            field=models.CharField(db_index=True, default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="id_tail",
            field=models.CharField(db_index=True, default="", editable=False, max_length=4),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="phone_hash",
            field=models.CharField(db_index=True, default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="application",
            name="phone_tail",
            field=models.CharField(db_index=True, default="", editable=False, max_length=4),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="application",
            name="id_number",
            field=enrollment.crypto.EncryptedCharField(
                form_max_length=18,
                validators=[core.validators.validate_resident_id],
                verbose_name="resident ID number",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="phone",
            field=enrollment.crypto.EncryptedCharField(
                form_max_length=11,
                validators=[core.validators.validate_mobile],
                verbose_name="mobile phone",
            ),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                fields=("intake", "id_number_hash"), name="one_application_per_id_per_intake"
            ),
        ),
    ]
