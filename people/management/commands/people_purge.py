from django.core.management.base import BaseCommand

from people.services import RETENTION_YEARS, people_purge_expired


class Command(BaseCommand):
    help = "Erase ID numbers and phones of people whose last role ended some years ago."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=RETENTION_YEARS)

    def handle(self, *args, years: int, **options):
        count = people_purge_expired(years=years)
        self.stdout.write(f"ID numbers and phones erased from {count} people.")
