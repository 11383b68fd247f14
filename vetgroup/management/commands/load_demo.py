from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.services import staff_user_ensure
from datacalls import demo as datacalls_demo
from enrollment import demo as enrollment_demo
from honours import demo as honours_demo
from members import demo as members_demo
from partnerships import demo as partnerships_demo
from reports import demo as reports_demo
from website import demo as website_demo


class Command(BaseCommand):
    help = "Load the demo group of seed 000 (idempotent) and make sure a staff login exists."

    def add_arguments(self, parser):
        parser.add_argument("--no-login", action="store_true", help="Do not create the staff user.")

    def handle(self, *args, no_login: bool = False, **options):
        # Each app adds its part of the demo group; later ones build on the members.
        for demo in (
            members_demo,
            partnerships_demo,
            enrollment_demo,
            honours_demo,  # before reports: a frozen past year keeps its honours
            reports_demo,
            datacalls_demo,
            website_demo,
        ):
            with transaction.atomic():
                summary = demo.load()
            self.stdout.write(f"Demo group: {summary}")
        if not no_login:
            self._ensure_staff_login()

    def _ensure_staff_login(self) -> None:
        login_file = settings.DATA_DIR / "staff-login.txt"
        user, password = staff_user_ensure(
            username="secretariat", email="secretariat@vetgroup.local"
        )
        if password:
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(
                f"user: {user.username} (or {user.email})\npassword: {password}\n"
            )
            login_file.chmod(0o600)
        if login_file.exists():
            self.stdout.write("Staff login — " + login_file.read_text().replace("\n", "  ").strip())
