from django.core.management.base import BaseCommand

from enrollment.services import RETENTION_YEARS, applications_purge_expired


class Command(BaseCommand):
    help = "Erase personal data of applicants who did not enrol, some years after the intake."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=RETENTION_YEARS)

    def handle(self, *args, years: int, **options):
        count = applications_purge_expired(years=years)
        self.stdout.write(f"Personal data erased from {count} applications.")
