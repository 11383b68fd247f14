from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member


class ProjectQuerySet(models.QuerySet):
    def counting_for(self, year: int) -> "ProjectQuerySet":
        """Projects that count for a year (the public contract): signed by its end, past the
        talks, and not ended before it began."""
        return (
            self.filter(signed_on__lte=f"{year}-12-31")
            .exclude(status__in=[Project.Status.PROPOSED, Project.Status.NEGOTIATING])
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=f"{year}-01-01"))
        )


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

    title = models.CharField(_("title"), max_length=200)
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
