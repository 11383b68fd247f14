"""A consistent archive of the database and uploaded files, and its restore into an empty site.

The archive is a .tar.gz holding `manifest.json`, `data.json` (Django's serialised rows, read inside
one snapshot transaction) and `media/` (the uploaded files).
"""

import io
import json
import tarfile
from pathlib import Path

from django.conf import settings
from django.core import management
from django.db import connection, transaction
from django.utils import timezone

# Rebuilt by migrate on the target: copying them would clash with the rows migrate creates.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
FORMAT_VERSION = 1


class RestoreError(Exception):
    pass


def _dump_data() -> bytes:
    out = io.StringIO()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table: rows written meanwhile are either all in or all out.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        management.call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            stdout=out,
            verbosity=0,
        )
    return out.getvalue().encode()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup_write(*, path: Path) -> dict:
    data = _dump_data()
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "rows": len(json.loads(data)),
    }
    media = Path(settings.MEDIA_ROOT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest).encode())
        _add_bytes(archive, "data.json", data)
        if media.exists():
            archive.add(media, arcname="media")
    return manifest


def _database_is_empty() -> bool:
    from django.apps import apps

    return not any(
        model.objects.exists()
        for model in apps.get_models()
        if model._meta.app_label not in ("contenttypes", "auth", "sessions", "admin")
        or model._meta.model_name == "user"
    )


def backup_restore(*, path: Path) -> dict:
    if not _database_is_empty():
        raise RestoreError("The database is not empty: restore only into a freshly migrated site.")
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown archive format {manifest.get('format')!r}.")
        data = archive.extractfile("data.json").read()
        media_members = [m for m in archive.getmembers() if m.name.startswith("media/")]
        fixture = Path(settings.DATA_DIR) / "restore-data.json"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_bytes(data)
        try:
            with transaction.atomic():
                management.call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink()
        media_root = Path(settings.MEDIA_ROOT)
        for member in media_members:
            member.name = member.name.removeprefix("media/")
            if member.name:
                archive.extract(member, media_root, filter="data")
    return manifest
