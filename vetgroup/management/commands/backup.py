from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from vetgroup.backup import backup_write


class Command(BaseCommand):
    help = "Write a consistent archive (.tar.gz) of the database and the uploaded files."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Archive path (default: data/backups/)")

    def handle(self, *args, output: Path | None = None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = output or Path(settings.DATA_DIR) / "backups" / f"vetgroup-{stamp}.tar.gz"
        manifest = backup_write(path=path)
        self.stdout.write(f"Wrote {path} ({manifest['rows']} rows).")
