from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from members.models import Member

from .validators import validate_agreement_document


def project_counts_for(year: int) -> Q:
    """Projects that count for a year (the public contract): signed by its end, past the
    talks, and not ended before it began."""
    return (
        Q(signed_on__lte=date(year, 12, 31))
        & ~Q(status__in=[Project.Status.PROPOSED, Project.Status.NEGOTIATING])
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=date(year, 1, 1)))
    )


def project_signed_in(year: int) -> Q:
    return Q(signed_on__gte=date(year, 1, 1), signed_on__lte=date(year, 12, 31))


# An agreement "expires soon" within this many days: lists, the dashboard and the reminders.
AGREEMENT_EXPIRY_NOTICE_DAYS = 60


class ProjectQuerySet(models.QuerySet):
    def counting_for(self, year: int) -> "ProjectQuerySet":
        return self.filter(project_counts_for(year))


class Project(models.Model):
    """A school-enterprise cooperation project (校企合作项目)."""

    class Kind(models.TextChoices):
        TRAINING_CENTRE = "training_centre", _("Enterprise project training centre")
        ORDER_CLASS = "order_class", _("Order / project class")
        INTERNSHIP = "internship", _("Internship placement")
        INDUSTRY_COLLEGE = "industry_college", _("Industry college")
        MASTER_STUDIO = "master_studio", _("Master studio")
        COMPETITION_BASE = "competition_base", _("Competition training base")
        MAKERSPACE = "makerspace", _("Makerspace")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        TEACHER_PRACTICE = "teacher_practice", _("Teacher practice in enterprises")
        PART_TIME_TEACHERS = "part_time_teachers", _("Enterprise engineers as part-time teachers")
        PROGRAMME_DEVELOPMENT = "programme_development", _("Programme co-development")
        CHAIN_LEADER = "chain_leader", _("Chain-leader system")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        NEGOTIATING = "negotiating", _("Negotiating")
        SIGNED = "signed", _("Signed")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        ENDED = "ended", _("Ended early")

    title = models.CharField(_("project name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, db_index=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    students = models.PositiveIntegerField(_("students taking part"), default=0)
    investment_cny = models.DecimalField(
        _("investment (RMB)"), max_digits=14, decimal_places=2, default=0
    )
    expires_on = models.DateField(_("agreement expires on"), null=True, blank=True, db_index=True)
    agreement_document = models.FileField(
        _("agreement document"),
        upload_to="agreements/%Y/",
        blank=True,
        validators=[validate_agreement_document],
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    members = models.ManyToManyField(Member, through="Participant", related_name="projects")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(investment_cny__gte=0), name="investment_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if self.signed_on and self.expires_on and self.expires_on < self.signed_on:
            errors["expires_on"] = _("The agreement cannot expire before it was signed.")
        if errors:
            raise ValidationError(errors)

    @property
    def document_filename(self) -> str:
        return self.agreement_document.name.rsplit("/", 1)[-1] if self.agreement_document else ""

    @property
    def allowed_statuses(self) -> list[str]:
        return TRANSITIONS[self.status]

    @property
    def days_to_expiry(self) -> int | None:
        return (self.expires_on - timezone.localdate()).days if self.expires_on else None

    @property
    def expires_soon(self) -> bool:
        days = self.days_to_expiry
        return days is not None and 0 <= days <= AGREEMENT_EXPIRY_NOTICE_DAYS


S = Project.Status
# The pipeline: where a project may go from each status (the board offers only these moves).
TRANSITIONS: dict[str, list[str]] = {
    S.PROPOSED: [S.NEGOTIATING, S.ENDED],
    S.NEGOTIATING: [S.PROPOSED, S.SIGNED, S.ENDED],
    S.SIGNED: [S.RUNNING, S.ENDED],
    S.RUNNING: [S.FINISHED, S.ENDED],
    S.FINISHED: [],
    S.ENDED: [],
}


class Participant(models.Model):
    """A member organisation's part in a project."""

    class Role(models.TextChoices):
        SCHOOL = "school", _("School")
        ENTERPRISE = "enterprise", _("Enterprise")
        SITE_PROVIDER = "site_provider", _("Site provider")
        COORDINATOR = "coordinator", _("Coordinator")
        OTHER = "other", _("Other")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "member", "role"], name="unique_participation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_role_display()})"


class ProjectEvent(models.Model):
    """A milestone or event in a project's life: a signing ceremony, a status change, a visit."""

    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("Milestone")
        EVENT = "event", _("Event")
        STATUS = "status", _("Status change")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.EVENT)
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("what happened"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone or event")
        verbose_name_plural = _("milestones and events")
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.title}"


class ProjectClass(models.Model):
    """The student cohort of an order or project class, and its graduates' outcomes in aggregate."""

    class SalaryBand(models.TextChoices):
        UNKNOWN = "", _("Not known")
        BELOW_4000 = "lt4000", _("Below RMB 4,000 a month")
        FROM_4000 = "4000_6000", _("RMB 4,000-6,000 a month")
        FROM_6000 = "6000_8000", _("RMB 6,000-8,000 a month")
        FROM_8000 = "ge8000", _("RMB 8,000 a month or more")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="classes")
    name = models.CharField(_("class name"), max_length=100)
    intake_year = models.PositiveIntegerField(_("intake year"), null=True, blank=True)
    selected = models.PositiveIntegerField(_("students selected"), default=0)
    enrolled = models.PositiveIntegerField(_("students enrolled"), default=0)
    graduated = models.PositiveIntegerField(_("students graduated"), default=0)
    origin_region = models.CharField(
        _("students' home region"),
        max_length=100,
        blank=True,
        help_text=_("e.g. a poverty-alleviation pairing county such as 云南巧家"),
    )
    from_origin_region = models.PositiveIntegerField(_("students from that region"), default=0)
    employed_at_partner = models.PositiveIntegerField(_("employed at the partner"), default=0)
    employed_elsewhere = models.PositiveIntegerField(_("employed elsewhere"), default=0)
    further_study = models.PositiveIntegerField(_("in further study"), default=0)
    salary_band = models.CharField(
        _("typical monthly salary"), max_length=16, choices=SalaryBand.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("project class")
        verbose_name_plural = _("project classes")
        ordering = ["-intake_year", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        cohort = max(self.selected, self.enrolled)
        if self.from_origin_region > cohort:
            errors["from_origin_region"] = _("More students from the region than in the class.")
        outcomes = self.employed_at_partner + self.employed_elsewhere + self.further_study
        if outcomes > self.graduated:
            errors["graduated"] = _("The outcomes add up to more students than graduated.")
        if errors:
            raise ValidationError(errors)


class InternshipOfferQuerySet(models.QuerySet):
    def with_places_free(self) -> "InternshipOfferQuerySet":
        placed = models.Subquery(
            Placement.objects.filter(offer=models.OuterRef("pk"))
            .values("offer")
            .annotate(total=models.Sum("students"))
            .values("total")[:1]
        )
        return self.annotate(
            placed=Coalesce(placed, 0),
            places_free=models.F("places") - Coalesce(placed, 0),
        )


class InternshipOffer(models.Model):
    """Internship places an enterprise offers in the pool (岗位实习企业资源库)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="internship_offers")
    position = models.CharField(_("position"), max_length=200)
    places = models.PositiveIntegerField(_("places"))
    programmes = models.CharField(
        _("programmes suited"), max_length=300, help_text=_("e.g. 模具制造技术, 数控技术应用")
    )
    location = models.CharField(_("location"), max_length=200)
    starts_on = models.DateField(pgettext_lazy("date", "from"))
    ends_on = models.DateField(_("until"))
    supervisor = models.CharField(_("supervisor"), max_length=100)
    supervisor_phone = models.CharField(_("supervisor's phone"), max_length=20, blank=True)
    allowance_cny = models.DecimalField(
        _("monthly pay or allowance (RMB)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    conditions = models.TextField(_("board, lodging and other conditions"), blank=True)
    is_open = models.BooleanField(_("open for placements"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = InternshipOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("internship offer")
        verbose_name_plural = _("internship offers")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="offer_ends_not_before_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.position}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class Placement(models.Model):
    """Students a school placed with an enterprise, and how the school rates the placement."""

    RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]

    offer = models.ForeignKey(InternshipOffer, on_delete=models.PROTECT, related_name="placements")
    school = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="placements_made")
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("project"),
    )
    students = models.PositiveIntegerField(_("students placed"))
    placed_on = models.DateField(_("placed on"))
    rating_supervision = models.PositiveSmallIntegerField(
        _("supervision"), choices=RATING_CHOICES, null=True, blank=True
    )
    rating_safety = models.PositiveSmallIntegerField(
        _("safety"), choices=RATING_CHOICES, null=True, blank=True
    )
    rating_learning = models.PositiveSmallIntegerField(
        _("learning"), choices=RATING_CHOICES, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-placed_on"]
        constraints = [
            models.CheckConstraint(condition=Q(students__gt=0), name="placement_has_students")
        ]

    def __str__(self) -> str:
        return f"{self.school} → {self.offer.member} ×{self.students}"


class WorkPlan(models.Model):
    """An annual work plan (年度工作计划): goals and numbered tasks."""

    year = models.PositiveIntegerField(_("year"), db_index=True)
    title = models.CharField(_("plan name"), max_length=200)
    goals = models.TextField(_("goals"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("annual work plan")
        verbose_name_plural = _("annual work plans")
        ordering = ["-year", "title"]
        constraints = [models.UniqueConstraint(fields=["year", "title"], name="unique_plan")]

    def __str__(self) -> str:
        return self.title


class PlanTaskQuerySet(models.QuerySet):
    def past_deadline(self, today=None) -> "PlanTaskQuerySet":
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today).exclude(status=PlanTask.Status.DONE)


class PlanTask(models.Model):
    """A numbered task of a work plan, with a lead member, partners and the projects doing it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_tasks_led",
        verbose_name=_("lead member"),
    )
    partners = models.ManyToManyField(
        Member, blank=True, related_name="plan_tasks", verbose_name=_("partner members")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.TextField(_("progress note"), blank=True)
    projects = models.ManyToManyField(
        Project, blank=True, related_name="plan_tasks", verbose_name=_("projects")
    )

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_task_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def state(self) -> str:
        """done, late or on_track: the plan page's at-a-glance column."""
        if self.status == self.Status.DONE:
            return "done"
        if self.deadline and self.deadline < timezone.localdate():
            return "late"
        return "on_track"


class SharedResource(models.Model):
    """A training base, equipment or master studio a member offers to the group."""

    class Kind(models.TextChoices):
        TRAINING_BASE = "training_base", _("Training base")
        EQUIPMENT = "equipment", _("Equipment")
        MASTER_STUDIO = "master_studio", _("Master studio")
        FACILITY = "facility", _("Facility")
        OTHER = "other", _("Other")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="shared_resources")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_available = models.BooleanField(_("available to members"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        ordering = ["kind", "name"]
        indexes = [
            models.Index(fields=["kind", "name", "id"], name="resource_order_idx"),
            # the API lists the available ones only, in the same order
            models.Index(
                fields=["kind", "name", "id"],
                condition=Q(is_available=True),
                name="resource_available_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name
