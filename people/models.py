"""The people registry: individuals tied to member organisations and projects, and their roles.

A Person belongs to one member organisation (the engineer's enterprise, the teacher's or the
student's school). Each Role is one part the person plays in the group's cooperation: teaching
part-time at a school, practising in an enterprise, running a master studio, an apprenticeship,
an internship, a graduate's first job, a place in a project class. A role's `partner` is the
other organisation (the school taught at, the host enterprise, the employer).

Personal numbers are kept as the enrollment app keeps them: optional, encrypted at rest, with
keyed hashes for lookups, masked everywhere but on a staff member's logged request.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.validators import validate_mobile, validate_resident_id
from enrollment.crypto import EncryptedCharField, lookup_hash
from enrollment.models import mask_id_number, mask_phone
from members.models import Member
from partnerships.models import Placement, Project, ProjectClass

MAX_HOURS_PER_TERM = 400  # about 20 teaching weeks at 20 hours: beyond it is a typo
SALARY_BAND_FLOOR = {"lt4000": 0, "4000_6000": 4000, "6000_8000": 6000, "ge8000": 8000}


class Person(models.Model):
    """An individual the group keeps a record of (工程师、教师、大师、学徒、实习生、毕业生)."""

    class Sex(models.TextChoices):
        UNKNOWN = "", _("Not given")
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    member = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_(
            "The person's own organisation: the engineer's enterprise, the school of a "
            "teacher or a student."
        ),
    )
    full_name = models.CharField(_("full name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    job_title = models.CharField(_("job or title"), max_length=100, blank=True)
    origin_region = models.CharField(
        _("region of origin"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Where the person comes from, e.g. 云南巧家."),
    )
    from_pairing_area = models.BooleanField(
        _("from an east–west cooperation / poverty-alleviation pairing area"), default=False
    )
    # Optional personal numbers: encrypted, with keyed hashes and tails for lookups.
    id_number = EncryptedCharField(
        _("resident ID number"),
        blank=True,
        validators=[validate_resident_id],
        form_max_length=18,
        help_text=_("Optional. Kept encrypted and shown masked."),
    )
    id_number_hash = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    id_tail = models.CharField(max_length=4, editable=False, blank=True)
    phone = EncryptedCharField(
        _("mobile phone"),
        blank=True,
        validators=[validate_mobile],
        form_max_length=11,
        help_text=_("Optional. Shown masked in lists."),
    )
    phone_hash = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    phone_tail = models.CharField(max_length=4, editable=False, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # A representative's entry waits for the secretariat's confirmation; staff entries do not.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~Q(id_number_hash=""),
                name="one_person_per_id_number",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # The lookup columns follow the encrypted ones on every path (form, API, admin, import).
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"id_number", "phone"} & set(update_fields):
            self.set_lookups()
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "id_number_hash",
                    "id_tail",
                    "phone_hash",
                    "phone_tail",
                }
        super().save(*args, **kwargs)

    def set_lookups(self) -> None:
        self.id_number = (self.id_number or "").strip().upper()
        self.phone = (self.phone or "").strip()
        self.id_number_hash = lookup_hash(self.id_number) if self.id_number else ""
        self.id_tail = self.id_number[-4:]
        self.phone_hash = lookup_hash(self.phone) if self.phone else ""
        self.phone_tail = self.phone[-4:]

    def clean(self) -> None:
        if self.member_id and self.member.status == Member.Status.APPLYING:
            message = _("%(name)s is not a member yet.") % {"name": self.member.name}
            raise ValidationError({"member": message})

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


def _in_year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": date(year, 1, 1), f"{field}__lte": date(year, 12, 31)})


def _during(year: int) -> Q:
    """Begun by the end of the year and not ended before it began."""
    return Q(starts_on__lte=date(year, 12, 31)) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=date(year, 1, 1))
    )


class RoleQuerySet(models.QuerySet):
    def counting_for(self, year: int) -> "RoleQuerySet":
        """Roles that count for a year (the indicators' rules, docs in people/indicators.py)."""
        return self.filter(role_counts_for(year))


def role_counts_for(year: int) -> Q:
    K = Role.Kind
    return (
        Q(kind=K.PART_TIME_TEACHER, year=year)
        | Q(kind__in=[K.TEACHER_PRACTICE, K.INTERN]) & _in_year("starts_on", year)
        | Q(kind__in=[K.MASTER, K.APPRENTICE]) & _during(year)
        | Q(kind=K.GRADUATE, year=year)
        | Q(kind=K.STUDENT)
        & Q(project_class__project__in=Project.objects.counting_for(year))
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=date(year, 1, 1)))
    )


class Role(models.Model):
    """One part a person plays: what, with which partner organisation and project, when."""

    class Kind(models.TextChoices):
        PART_TIME_TEACHER = "part_time_teacher", _("Enterprise engineer teaching part-time")
        TEACHER_PRACTICE = "teacher_practice", _("Teacher in enterprise practice")
        MASTER = "master", _("Skill master")
        APPRENTICE = "apprentice", _("Apprentice")
        INTERN = "intern", _("Intern")
        GRADUATE = "graduate", _("Graduate")
        STUDENT = "student", _("Student of a project class")

    class Term(models.TextChoices):
        SPRING = "spring", _("Spring term")
        AUTUMN = "autumn", _("Autumn term")

    class ApprenticeshipKind(models.TextChoices):
        MODERN = "modern", _("Modern apprenticeship (现代学徒制)")
        ENTERPRISE = "enterprise", _("New-type enterprise apprenticeship (企业新型学徒制)")

    class Evaluation(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        GOOD = "good", _("Good")
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")

    class Outcome(models.TextChoices):
        EMPLOYED = "employed", _("Employed")
        FURTHER_STUDY = "further_study", _("Further study")
        ENLISTED = "enlisted", _("Enlisted")
        SEEKING = "seeking", _("Still seeking work")
        OTHER = "other", pgettext_lazy("graduate outcome", "Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=32, choices=Kind.choices, db_index=True)
    partner = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people_roles",
        verbose_name=_("partner organisation"),
        help_text=_("The school taught at, the host enterprise or the employer."),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people_roles",
        verbose_name=_("project"),
    )
    project_class = models.ForeignKey(
        ProjectClass,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people_roles",
        verbose_name=_("class"),
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interns",
        verbose_name=_("placement in the internship pool"),
    )
    year = models.PositiveIntegerField(
        _("year"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The school year of a term taught; the year a graduate left school."),
    )
    term = models.CharField(_("term"), max_length=8, choices=Term.choices, blank=True)
    starts_on = models.DateField(pgettext_lazy("date", "from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("hours taught in the term"), null=True, blank=True)
    days = models.PositiveIntegerField(_("days in the enterprise"), null=True, blank=True)
    courses = models.CharField(_("courses"), max_length=300, blank=True)
    studio = models.CharField(_("master studio"), max_length=200, blank=True)
    honours = models.CharField(_("honours"), max_length=300, blank=True)
    apprentices_taught = models.PositiveIntegerField(_("apprentices taught"), null=True, blank=True)
    apprenticeship_kind = models.CharField(
        _("kind of apprenticeship"), max_length=16, choices=ApprenticeshipKind.choices, blank=True
    )
    school_mentor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_at_school",
        verbose_name=_("school mentor"),
    )
    enterprise_mentor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentored_at_enterprise",
        verbose_name=_("enterprise mentor"),
    )
    qualification = models.CharField(_("qualification reached"), max_length=200, blank=True)
    agreement_on_file = models.BooleanField(_("tripartite agreement on file"), default=False)
    insurance_on_file = models.BooleanField(_("insurance on file"), default=False)
    evaluation = models.CharField(
        _("enterprise mentor's evaluation"), max_length=16, choices=Evaluation.choices, blank=True
    )
    outcome = models.CharField(_("destination"), max_length=16, choices=Outcome.choices, blank=True)
    employer_name = models.CharField(_("employer (not a member)"), max_length=200, blank=True)
    job = models.CharField(_("job"), max_length=100, blank=True)
    salary_band = models.CharField(
        _("monthly salary"), max_length=16, choices=ProjectClass.SalaryBand.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["kind", "-year", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__lte=MAX_HOURS_PER_TERM),
                name="role_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}"

    @property
    def partner_name(self) -> str:
        return self.partner.name if self.partner_id else self.employer_name

    @property
    def hired_by_partner(self) -> bool:
        """A graduate employed by a member organisation of the group."""
        return self.outcome == self.Outcome.EMPLOYED and self.partner_id is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        required = REQUIRED_FIELDS.get(self.kind, ())
        for name in required:
            if getattr(self, name) in (None, ""):
                errors[name] = _("This role needs this field.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date cannot be before the start date.")
        if self.hours is not None and not 1 <= self.hours <= MAX_HOURS_PER_TERM:
            errors["hours"] = _("Hours taught in a term lie between 1 and %(max)s.") % {
                "max": MAX_HOURS_PER_TERM
            }
        if self.days is not None:
            span = (
                (self.ends_on - self.starts_on).days + 1 if self.starts_on and self.ends_on else 366
            )
            if not 1 <= self.days <= span:
                errors["days"] = _(
                    "The days lie between 1 and the %(span)s days of the period."
                ) % {"span": span}
        if self.year is not None and not 2000 <= self.year <= date.today().year + 5:
            errors["year"] = _("Enter a year between 2000 and %(last)s.") % {
                "last": date.today().year + 5
            }
        if self.salary_band and self.outcome != self.Outcome.EMPLOYED:
            errors["salary_band"] = _("A salary band is for an employed graduate.")
        if self.placement_id and self.partner_id and "partner" not in errors:
            if self.placement.offer.member_id != self.partner_id:
                errors["placement"] = _("This placement is with another enterprise.")
        self._check_partner_membership(errors)
        if errors:
            raise ValidationError(errors)

    def _check_partner_membership(self, errors: dict) -> None:
        """No role with an organisation that was not (or no longer) a member at the time."""
        partner = self.partner if self.partner_id else None
        if partner is None or "partner" in errors:
            return
        when = self.starts_on or (date(self.year, 1, 1) if self.year else None)
        if partner.status == Member.Status.APPLYING:
            errors["partner"] = _("%(name)s is not a member yet.") % {"name": partner.name}
        elif partner.left_on and when and when > partner.left_on:
            errors["partner"] = _("%(name)s left the group on %(date)s, before this began.") % {
                "name": partner.name,
                "date": partner.left_on.isoformat(),
            }


K = Role.Kind
# What each role must state; the forms show these and ROLE_FIELDS.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    K.PART_TIME_TEACHER: ("partner", "year", "term", "hours"),
    K.TEACHER_PRACTICE: ("partner", "starts_on", "ends_on", "days"),
    K.MASTER: ("studio", "starts_on"),
    K.APPRENTICE: ("partner", "apprenticeship_kind", "starts_on"),
    K.INTERN: ("partner", "starts_on"),
    K.GRADUATE: ("year", "outcome"),
    K.STUDENT: ("project_class",),
}
ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    K.PART_TIME_TEACHER: ("partner", "project", "year", "term", "courses", "hours"),
    K.TEACHER_PRACTICE: ("partner", "project", "starts_on", "ends_on", "days"),
    K.MASTER: (
        "partner",
        "project",
        "studio",
        "starts_on",
        "ends_on",
        "courses",
        "honours",
        "apprentices_taught",
    ),
    K.APPRENTICE: (
        "partner",
        "project",
        "apprenticeship_kind",
        "school_mentor",
        "enterprise_mentor",
        "starts_on",
        "ends_on",
        "qualification",
    ),
    K.INTERN: (
        "partner",
        "project",
        "placement",
        "starts_on",
        "ends_on",
        "enterprise_mentor",
        "agreement_on_file",
        "insurance_on_file",
        "evaluation",
    ),
    K.GRADUATE: (
        "project_class",
        "project",
        "year",
        "outcome",
        "partner",
        "employer_name",
        "job",
        "salary_band",
    ),
    K.STUDENT: ("project_class", "project", "starts_on", "ends_on"),
}
ALL_ROLE_FIELDS = tuple(dict.fromkeys(f for fields in ROLE_FIELDS.values() for f in fields))


class PersonalDataAccess(models.Model):
    """A staff member saw a person's full ID number or phone (PIPL access log)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_log")
    what = models.CharField(_("what"), max_length=50)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.what} {self.person_id}"
