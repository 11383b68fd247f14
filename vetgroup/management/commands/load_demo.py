from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.services import staff_user_ensure
from council import demo as council_demo
from datacalls import demo as datacalls_demo
from documents import demo as documents_demo
from enrollment import demo as enrollment_demo
from enrollment.models import Intake
from events import demo as events_demo
from honours import demo as honours_demo
from members import demo as members_demo
from partnerships import demo as partnerships_demo
from people import demo as people_demo
from reports import demo as reports_demo
from website import demo as website_demo

LOGIN_HEADER = "Staff logins, one per role"
DEMO_STAFF = (
    ("secretariat", "secretary_general"),
    ("affairs", "member_affairs"),
    ("projects", "projects"),
    ("reviewer", "enrollment_reviewer"),
    ("reports", "reports"),
    ("auditor", "auditor"),
)


class Command(BaseCommand):
    help = "Load the demo group of seed 000 (idempotent) and make sure a staff login exists."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-login", action="store_true", help="Do not create the staff users."
        )

    def handle(self, *args, no_login: bool = False, **options):
        # Each app adds its part of the demo group; later ones build on the members.
        for demo in (
            members_demo,
            partnerships_demo,
            enrollment_demo,
            people_demo,  # before the 2021 data call closes and freezes the year
            honours_demo,  # before reports: a frozen past year keeps its honours
            events_demo,
            reports_demo,
            datacalls_demo,
            website_demo,
            documents_demo,
            council_demo,  # after members: the council's chair and vice-chairs set their roles
        ):
            with transaction.atomic():
                summary = demo.load()
            self.stdout.write(f"Demo group: {summary}")
        if not no_login:
            self._ensure_staff_login()

    def _ensure_staff_login(self) -> None:
        """A staff user per role; the passwords made are kept in data/staff-login.txt."""
        login_file = settings.DATA_DIR / "staff-login.txt"
        lines = login_file.read_text().splitlines() if login_file.exists() else []
        if lines and not lines[0].startswith(LOGIN_HEADER):
            lines = [LOGIN_HEADER, *(f"secretary_general {line}" for line in lines)]
        lines = lines or [LOGIN_HEADER]
        for username, role in DEMO_STAFF:
            user, password = staff_user_ensure(
                username=username, email=f"{username}@vetgroup.local", roles=(role,)
            )
            if password:
                lines.append(f"{role}: user {user.username} (or {user.email}) password {password}")
            if role == "enrollment_reviewer":
                intake = Intake.objects.order_by("-opens_at").first()
                if intake is not None:
                    intake.reviewers.add(user)
        login_file.parent.mkdir(parents=True, exist_ok=True)
        login_file.write_text("\n".join(lines) + "\n")
        login_file.chmod(0o600)
        self.stdout.write("\n".join(lines))
