"""Deliveries keep the inbox; their e-mail and text move to the outbox."""

import django.db.models.deletion
from django.db import migrations, models

STATES = {"queued", "sending", "sent", "failed"}


def to_the_outbox(apps, schema_editor):
    Delivery = apps.get_model("notices", "Delivery")
    Message = apps.get_model("outbox", "Message")
    SmsMessage = apps.get_model("sms", "SmsMessage")
    for delivery in Delivery.objects.select_related("notice").iterator():
        changed = []
        if delivery.status in STATES and delivery.email:
            delivery.message = Message.objects.create(
                channel="email",
                purpose="notice",
                recipient=delivery.email,
                subject=delivery.notice.title[:255],
                body=delivery.notice.title,
                html=delivery.notice.body,
                user_id=delivery.user_id,
                batch=f"notice:{delivery.notice_id}",
                status=delivery.status,
                attempts=delivery.attempts,
                next_attempt_at=delivery.next_attempt_at,
                claimed_at=delivery.claimed_at,
                sent_at=delivery.sent_at,
                error=delivery.error,
            )
            changed.append("message")
        if delivery.sms_id:
            sms = SmsMessage.objects.get(pk=delivery.sms_id)
            delivery.text = Message.objects.create(
                channel="sms",
                purpose=sms.purpose,
                recipient=sms.phone,
                body=sms.text,
                params=sms.params,
                user_id=sms.user_id,
                key=f"legacy-sms:{sms.pk}",
                batch=f"notice:{delivery.notice_id}",
                status=sms.status,
                attempts=sms.attempts,
                next_attempt_at=sms.next_attempt_at,
                claimed_at=sms.claimed_at,
                sent_at=sms.sent_at,
                vendor_id=sms.vendor_id,
                error=sms.error,
            )
            changed.append("text")
        if changed:
            delivery.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0004_merge_20261130_0408"),
        ("outbox", "0001_initial"),
        ("sms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="message",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="outbox.message",
            ),
        ),
        migrations.AddField(
            model_name="delivery",
            name="text",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="outbox.message",
            ),
        ),
        migrations.RunPython(to_the_outbox, migrations.RunPython.noop),
        migrations.RemoveField(model_name="delivery", name="attempts"),
        migrations.RemoveField(model_name="delivery", name="claimed_at"),
        migrations.RemoveField(model_name="delivery", name="error"),
        migrations.RemoveField(model_name="delivery", name="next_attempt_at"),
        migrations.RemoveField(model_name="delivery", name="sent_at"),
        migrations.RemoveField(model_name="delivery", name="sms"),
        migrations.RemoveField(model_name="delivery", name="status"),
    ]
