from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FIRST_YEAR = 2000


class ReportDraft(models.Model):
    """The staff-written parts of a year's annual work summary (年度工作总结)."""

    year = models.PositiveIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(FIRST_YEAR)]
    )
    introduction = models.TextField(_("introduction to the group"), blank=True)
    main_work = models.TextField(_("main work and results"), blank=True)
    problems = models.TextField(_("problems and shortcomings"), blank=True)
    next_year_plan = models.TextField(_("next year's plan"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}"

    @property
    def version(self) -> str:
        """Changes with every save; editors send back the version they started from."""
        return self.updated_at.isoformat() if self.updated_at else ""


def report_file_path(job: "AnnualReportJob", filename: str) -> str:
    return f"reports/annual/{job.year}/{job.pk}/{filename}"


class AnnualReportJob(models.Model):
    """One generation of a year's annual report files; each finished job is a kept version."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("report job", "Queued")
        RUNNING = "running", pgettext_lazy("report job", "Running")
        DONE = "done", pgettext_lazy("report job", "Done")
        FAILED = "failed", pgettext_lazy("report job", "Failed")

    ACTIVE = [Status.QUEUED, Status.RUNNING]
    # xlsx, docx, pdf: the annual report; zip: the national platform's files (reports.national).
    FORMATS = ("xlsx", "docx", "pdf", "zip")

    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(FIRST_YEAR)])
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    error = models.TextField(_("error"), blank=True)
    language = models.CharField(_("language"), max_length=16, default="zh-hans")
    xlsx = models.FileField(_("XLSX file"), upload_to=report_file_path, blank=True)
    docx = models.FileField(_("DOCX file"), upload_to=report_file_path, blank=True)
    pdf = models.FileField(_("PDF file"), upload_to=report_file_path, blank=True)
    zip = models.FileField(
        _("national platform files (ZIP)"), upload_to=report_file_path, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Each claim by a worker increments the attempt; a worker only writes results for its own
    # attempt, so a job handed to a second worker cannot be finished twice.
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("annual report job")
        verbose_name_plural = _("annual report jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Generating the same year twice at once makes one job, not two.
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_report_job_per_year",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.year} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def files(self) -> dict[str, models.fields.files.FieldFile]:
        return {fmt: getattr(self, fmt) for fmt in self.FORMATS if getattr(self, fmt)}


class SnapshotImmutable(Exception):
    """A frozen year's snapshot is never changed or deleted: a correction is a new version."""


class YearSnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise SnapshotImmutable("Year snapshots cannot be changed; freeze a new version.")

    def delete(self):
        raise SnapshotImmutable("Year snapshots cannot be deleted.")


class YearSnapshot(models.Model):
    """One frozen version of a year (年度数据封存): every indicator and every registered section
    (reports.snapshots) as they were when it was made. The year's report, export and open data
    read the latest version."""

    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(FIRST_YEAR)])
    version = models.PositiveIntegerField(_("version"))
    # indicator code -> value; money as a decimal string (JSON has no decimals).
    indicators = models.JSONField(_("indicators"), encoder=DjangoJSONEncoder)
    # section name -> {"totals": {...}, "records": [...]} (see reports.snapshots)
    sections = models.JSONField(_("sections"), encoder=DjangoJSONEncoder, default=dict)
    # What the year's files show, as it stood (reports.records): {"records": {set: rows},
    # "national": {category code: rows}, "main_work": {part: {language: blocks}}}.
    records = models.JSONField(_("records"), encoder=DjangoJSONEncoder, default=dict)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    # Kept apart from created_by: who froze the year stays known if the account goes.
    created_by_name = models.CharField(_("frozen by"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)

    objects = YearSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("year snapshot")
        verbose_name_plural = _("year snapshots")
        ordering = ["-year", "-version"]
        constraints = [
            # Two freezes of the same year at once cannot both become version n.
            models.UniqueConstraint(fields=["year", "version"], name="one_snapshot_per_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="snapshot_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise SnapshotImmutable("Year snapshots cannot be changed; freeze a new version.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SnapshotImmutable("Year snapshots cannot be deleted.")

    def figures(self) -> dict[str, int | Decimal]:
        """The indicators with money back as Decimal."""
        return {code: as_number(value) for code, value in self.indicators.items()}

    def section_totals(self) -> dict[str, dict[str, int | Decimal]]:
        return {
            name: {code: as_number(v) for code, v in (section.get("totals") or {}).items()}
            for name, section in self.sections.items()
        }


def as_number(value):
    """A stored figure: decimal strings become Decimal, numbers stay as they are."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value
