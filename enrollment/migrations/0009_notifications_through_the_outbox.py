"""Notifications keep what the applicant's area shows; their e-mail and text move to the
outbox."""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

# pending e-mails of the last week are sent by the outbox; older ones never were (as before)
STATUS = {"pending": "queued", "sending": "failed", "sent": "sent", "failed": "failed"}


def to_the_outbox(apps, schema_editor):
    Notification = apps.get_model("enrollment", "Notification")
    Message = apps.get_model("outbox", "Message")
    SmsMessage = apps.get_model("sms", "SmsMessage")
    week_ago = timezone.now() - timedelta(days=7)
    for notice in Notification.objects.select_related("recipient").iterator():
        changed = []
        email = notice.recipient.email
        if email and not (notice.delivery == "pending" and notice.created_at < week_ago):
            notice.message = Message.objects.create(
                channel="email",
                purpose="enrollment",
                recipient=email,
                subject=notice.subject[:255],
                body=notice.body,
                user_id=notice.recipient_id,
                key=f"application-event:{notice.event_id}:email",
                status=STATUS[notice.delivery],
                attempts=notice.attempts,
                sent_at=notice.sent_at,
            )
            changed.append("message")
        if notice.sms_id:
            sms = SmsMessage.objects.get(pk=notice.sms_id)
            notice.text = Message.objects.create(
                channel="sms",
                purpose=sms.purpose,
                recipient=sms.phone,
                body=sms.text,
                params=sms.params,
                user_id=sms.user_id,
                key=f"legacy-sms:{sms.pk}",
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
            notice.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("enrollment", "0008_merge_20261130_0413"),
        ("outbox", "0001_initial"),
        ("sms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
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
            model_name="notification",
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
        migrations.RemoveField(model_name="notification", name="attempts"),
        migrations.RemoveField(model_name="notification", name="delivery"),
        migrations.RemoveField(model_name="notification", name="sent_at"),
        migrations.RemoveField(model_name="notification", name="sms"),
    ]
