from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member
from partnerships.models import Project

FIRST_YEAR = 2000
MONEY_MAX = 10**11  # RMB 100 billion: far beyond any member, a typo guard


class DataCall(models.Model):
    """The secretariat's yearly call for members' figures (年度数据征集)."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("data call", "Open")
        CLOSED = "closed", pgettext_lazy("data call", "Closed")

    year = models.PositiveIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(FIRST_YEAR)]
    )
    deadline = models.DateField(_("deadline"))
    instructions = models.TextField(_("instructions"), blank=True)
    member_kinds = models.JSONField(_("member kinds included"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    snapshot_version = models.PositiveIntegerField(_("snapshot version"), null=True, blank=True)

    class Meta:
        verbose_name = _("data call")
        verbose_name_plural = _("data calls")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Data call %(year)s") % {"year": self.year}

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_past_deadline(self) -> bool:
        return timezone.localdate() > self.deadline


class Form(models.TextChoices):
    """Which form a member fills in, by its kind."""

    ENTERPRISE = "enterprise", _("Enterprise form")
    SCHOOL = "school", _("School form")
    GENERAL = "general", _("General form")


def form_for(kind: str) -> str:
    if kind == Member.Kind.ENTERPRISE:
        return Form.ENTERPRISE
    if kind in (Member.Kind.UNIVERSITY, Member.Kind.VOCATIONAL_SCHOOL):
        return Form.SCHOOL
    return Form.GENERAL


def count_field(label):
    return models.PositiveIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )


def money_field(label):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MONEY_MAX)],
    )


ENTERPRISE_FIELDS = (
    "partner_schools",
    "partner_school_names",
    "cooperation_started",
    "order_class_students",
    "courses_developed",
    "textbooks_developed",
    "part_time_teachers",
    "teaching_hours",
    "interns_taken",
    "graduates_hired",
    "money_invested_cny",
    "equipment_invested_cny",
    "service_income_cny",
)
SCHOOL_FIELDS = (
    "groups_led",
    "groups_joined",
    "programmes_with_enterprises",
    "enterprise_teachers",
    "enterprise_teacher_hours",
    "teacher_practice_person_times",
    "teacher_practice_days",
    "training_bases_shared",
    "graduates_hired_by_partners",
)
GENERAL_FIELDS = ("groups_joined", "training_bases_shared")
FIELDS_BY_FORM = {
    Form.ENTERPRISE: ENTERPRISE_FIELDS,
    Form.SCHOOL: SCHOOL_FIELDS,
    Form.GENERAL: GENERAL_FIELDS,
}
# Fields a submitted return may leave empty (the rest must be answered, 0 included).
OPTIONAL_FIELDS = frozenset({"partner_school_names"})
NUMBER_FIELDS = tuple(
    f
    for f in dict.fromkeys(ENTERPRISE_FIELDS + SCHOOL_FIELDS)
    if f not in {"partner_school_names", "cooperation_started"}
)


class MemberReturn(models.Model):
    """One member's answer to a data call (成员单位年度数据填报)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Sent back")
        ACCEPTED = "accepted", _("Accepted")

    call = models.ForeignKey(DataCall, on_delete=models.CASCADE, related_name="returns")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="returns")
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.NOT_STARTED,
        db_index=True,
    )
    # Enterprise form (校企合作企业年度数据)
    partner_schools = count_field(_("partner schools"))
    partner_school_names = models.TextField(_("names of the partner schools"), blank=True)
    cooperation_started = models.DateField(_("cooperation started (month)"), null=True, blank=True)
    order_class_students = count_field(_("students in order classes"))
    courses_developed = count_field(_("courses developed together"))
    textbooks_developed = count_field(_("textbooks developed together"))
    part_time_teachers = count_field(_("engineers serving as part-time teachers"))
    teaching_hours = count_field(_("their teaching hours"))
    interns_taken = count_field(_("interns taken"))
    graduates_hired = count_field(_("graduates hired"))
    money_invested_cny = money_field(_("money invested (RMB)"))
    equipment_invested_cny = money_field(_("equipment invested (RMB)"))
    service_income_cny = money_field(_("technical-service income (RMB)"))
    # School form (院校年度数据)
    groups_led = count_field(_("vocational education groups led"))
    groups_joined = count_field(_("vocational education groups joined"))
    programmes_with_enterprises = count_field(_("programmes run with enterprise partners"))
    enterprise_teachers = count_field(_("teachers from enterprises"))
    enterprise_teacher_hours = count_field(_("their teaching hours"))
    teacher_practice_person_times = count_field(_("teachers' enterprise practice (person-times)"))
    teacher_practice_days = count_field(_("teachers' enterprise practice (days)"))
    training_bases_shared = count_field(_("training bases shared"))
    graduates_hired_by_partners = count_field(_("graduates hired by partner enterprises"))

    remarks = models.TextField(_("remarks"), blank=True)
    review_comments = models.TextField(_("the secretariat's comments"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("member return")
        verbose_name_plural = _("member returns")
        ordering = ["call", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["call", "member"], name="one_return_per_member"),
            models.CheckConstraint(
                condition=Q(money_invested_cny__gte=0) | Q(money_invested_cny__isnull=True),
                name="return_money_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(equipment_invested_cny__gte=0) | Q(equipment_invested_cny__isnull=True),
                name="return_equipment_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(service_income_cny__gte=0) | Q(service_income_cny__isnull=True),
                name="return_income_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call.year} · {self.member}"

    @property
    def fields(self) -> tuple[str, ...]:
        return FIELDS_BY_FORM[self.form]

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f not in OPTIONAL_FIELDS)

    @property
    def is_editable(self) -> bool:
        """The representative may still change it (the call open, not with staff)."""
        return self.status in EDITABLE and self.call.status == DataCall.Status.OPEN

    @property
    def is_late(self) -> bool:
        if self.submitted_at:
            return self.submitted_at.date() > self.call.deadline
        return timezone.localdate() > self.call.deadline

    def missing_fields(self) -> list[str]:
        return [f for f in self.required_fields if getattr(self, f) in (None, "")]

    def completeness(self) -> int:
        required = self.required_fields
        return round(100 * (len(required) - len(self.missing_fields())) / len(required))

    def clean(self) -> None:
        if self.cooperation_started and self.cooperation_started.year > self.call.year:
            raise ValidationError(
                {"cooperation_started": _("The cooperation cannot start after the year reported.")}
            )


EDITABLE = (
    MemberReturn.Status.NOT_STARTED,
    MemberReturn.Status.DRAFT,
    MemberReturn.Status.RETURNED,
)


class ProjectFigureQuerySet(models.QuerySet):
    def disagreeing(self) -> "ProjectFigureQuerySet":
        """Both sides answered and differ (settled or not)."""
        return self.filter(school_value__isnull=False, enterprise_value__isnull=False).exclude(
            school_value=models.F("enterprise_value")
        )

    def unsettled(self) -> "ProjectFigureQuerySet":
        return self.disagreeing().filter(settled_at__isnull=True)


class ProjectFigure(models.Model):
    """A project's figure that both its school and its enterprise confirm in their returns
    (two-sided confirmation); staff settle it when the two differ."""

    class What(models.TextChoices):
        ORDER_CLASS = "order_class_students", _("Students in the order class")
        INTERNS = "interns_placed", _("Interns placed")

    call = models.ForeignKey(DataCall, on_delete=models.CASCADE, related_name="figures")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="confirmations")
    what = models.CharField(_("figure"), max_length=32, choices=What.choices)
    recorded_value = models.PositiveIntegerField(_("value in the portal"))
    school = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    school_value = models.PositiveIntegerField(_("school's value"), null=True, blank=True)
    enterprise_value = models.PositiveIntegerField(_("enterprise's value"), null=True, blank=True)
    settled_value = models.PositiveIntegerField(_("settled value"), null=True, blank=True)
    settled_note = models.TextField(_("note"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    written_back = models.BooleanField(_("written back to the project"), default=False)

    objects = ProjectFigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("project figure to confirm")
        verbose_name_plural = _("project figures to confirm")
        ordering = ["project__title"]
        constraints = [
            models.UniqueConstraint(fields=["call", "project"], name="one_figure_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_what_display()}"

    @property
    def disagrees(self) -> bool:
        return (
            self.school_value is not None
            and self.enterprise_value is not None
            and self.school_value != self.enterprise_value
        )

    @property
    def is_settled(self) -> bool:
        return self.settled_at is not None

    @property
    def state(self) -> str:
        """waiting (a side has not answered), agreed, disagreed or settled."""
        if self.is_settled:
            return "settled"
        if self.disagrees:
            return "disagreed"
        if self.school_value is None or self.enterprise_value is None:
            return "waiting"
        return "agreed"

    def value_for(self, member_id: int) -> int | None:
        return self.school_value if member_id == self.school_id else self.enterprise_value

    def side_of(self, member_id: int) -> str:
        return "school" if member_id == self.school_id else "enterprise"
