from django.core.management.base import BaseCommand

from enrollment.notifications import notifications_retry_failed


class Command(BaseCommand):
    help = "Queue again the enrollment notices whose e-mail failed (run it from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{notifications_retry_failed()} notices queued again.")
