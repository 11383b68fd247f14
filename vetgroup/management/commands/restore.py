from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vetgroup.backup import RestoreError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty, freshly migrated site."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.exists():
            raise CommandError(f"No such archive: {archive}")
        try:
            manifest = backup_restore(path=archive)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {manifest['rows']} rows from {manifest['created_at']}.")
