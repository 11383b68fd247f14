"""The text message log (sms.SmsMessage) moves into the outbox; the texts of notices and
notifications were moved with them (same key)."""

from django.db import migrations


def copy_texts(apps, schema_editor):
    SmsMessage = apps.get_model("sms", "SmsMessage")
    Message = apps.get_model("outbox", "Message")
    copied = set(
        Message.objects.filter(key__startswith="legacy-sms:").values_list("key", flat=True)
    )
    for sms in SmsMessage.objects.iterator():
        key = f"legacy-sms:{sms.pk}"
        if key in copied:
            continue
        message = Message.objects.create(
            channel="sms",
            purpose=sms.purpose,
            recipient=sms.phone,
            body=sms.text,
            params=sms.params,
            user_id=sms.user_id,
            key=key,
            status=sms.status,
            attempts=sms.attempts,
            next_attempt_at=sms.next_attempt_at,
            claimed_at=sms.claimed_at,
            sent_at=sms.sent_at,
            vendor_id=sms.vendor_id,
            error=sms.error,
        )
        # keep the day it was counted against the budget
        Message.objects.filter(pk=message.pk).update(created_at=sms.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("sms", "0001_initial"),
        ("notices", "0005_deliveries_through_the_outbox"),
        ("enrollment", "0009_notifications_through_the_outbox"),
    ]

    operations = [migrations.RunPython(copy_texts, migrations.RunPython.noop)]
