import re
import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.fields import NameField
from core.uploads import IMAGE_TYPES, check_upload
from core.validators import normalize_credit_code, validate_credit_code, validate_mobile

LOGO_MAX_MB = 1
SPACES = re.compile(r"\s+")  # \s covers the full-width space U+3000 and no-break spaces
CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_GAP = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")


def normalize_spaces(text: str) -> str:
    """Spaces (full-width ones too) made one, none between Chinese words: 东莞市　塘厦镇 is
    东莞市塘厦镇, so one place is counted once in the statistics by region."""
    return CJK_GAP.sub("", SPACES.sub(" ", text).strip())


def validate_logo_size(file) -> None:
    check_upload(file, max_mb=LOGO_MAX_MB, types=IMAGE_TYPES)


def member_on(day: date) -> Q:
    """Members of the group on that day: joined on or before it, not left by then."""
    return Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


def member_at_end_of(year: int) -> Q:
    """Members of the group on 31 December of the year (the contract's `members_total`)."""
    return member_on(date(year, 12, 31))


class MemberQuerySet(models.QuerySet):
    def at_end_of(self, year: int) -> "MemberQuerySet":
        return self.filter(member_at_end_of(year))

    def current(self) -> "MemberQuerySet":
        """Members today, suspended ones included: joined, not left, not applying."""
        return self.filter(member_on(timezone.localdate())).exclude(
            status__in=[Member.Status.APPLYING, Member.Status.LEFT]
        )

    def active(self) -> "MemberQuerySet":
        """Members in the active status (suspended ones not): who is asked for data and
        watched for going quiet."""
        return self.filter(status=Member.Status.ACTIVE)

    def profile_not_updated_since(self, moment) -> "MemberQuerySet":
        """A stale profile: not saved since the moment (nor created since, if never saved)."""
        return self.filter(
            Q(profile_updated_at__lt=moment)
            | Q(profile_updated_at__isnull=True, created_at__lt=moment)
        )


# Where a member's `group_role` comes from once something decides it: an app registers (in its
# AppConfig.ready) a function giving the role a member must have, or None to leave it to staff.
GROUP_ROLE_SOURCES: list = []


def register_group_role_source(source) -> None:
    if source not in GROUP_ROLE_SOURCES:
        GROUP_ROLE_SOURCES.append(source)


class Member(models.Model):
    """A member organisation (成员单位) of the group."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
        ASSOCIATION = "association", _("Industry association")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        ENTERPRISE = "enterprise", _("Enterprise")
        GOVERNMENT = "government", _("Government body")

    class Status(models.TextChoices):
        APPLYING = "applying", _("Applying")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    class GroupRole(models.TextChoices):
        LEAD = "lead", _("Lead unit")
        VICE_CHAIR = "vice_chair", _("Vice-chair unit")
        MEMBER = "member", _("Member unit")

    name = NameField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    region = models.CharField(_("region"), max_length=100, blank=True, db_index=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    group_role = models.CharField(
        _("role in the group"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("introduction"), blank=True)
    offers_equipment = models.TextField(_("equipment and training bases offered"), blank=True)
    offers_internship_places = models.PositiveIntegerField(
        _("internship places offered"), default=0
    )
    offers_part_time_teachers = models.PositiveIntegerField(
        _("engineers available as part-time teachers"), default=0
    )
    profile_updated_at = models.DateTimeField(_("profile last updated"), null=True, blank=True)
    # A representative's change of the legal name, credit code or kind waits here for staff
    # approval (None: nothing pending; an empty credit code: asked to clear it). The kind drives
    # counts by kind, open data, the data-call form and who may post internship offers.
    pending_name = NameField(  # noqa: DJ001 - None (nothing pending) differs from ""
        _("name waiting for approval"), max_length=200, null=True, blank=True, editable=False
    )
    pending_credit_code = models.CharField(  # noqa: DJ001 - "" asks to clear the code
        _("credit code waiting for approval"), max_length=18, null=True, blank=True, editable=False
    )
    pending_kind = models.CharField(  # noqa: DJ001 - None: nothing pending
        _("kind waiting for approval"),
        max_length=32,
        choices=Kind.choices,
        null=True,
        blank=True,
        editable=False,
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="member-logos/",
        blank=True,
        validators=[validate_logo_size],
        help_text=_("PNG or JPEG, at most 1 MB."),
    )
    show_in_showcase = models.BooleanField(
        _("show our organisation in the public member showcase"), default=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]
        # one per list order: the directory (name, pk) and the showcase (kind, name); a deep
        # page then walks index entries instead of sorting every member. The showcase's holds
        # only the members it can show, with the dates that tell who is a member today, so
        # its counts and pages are read from the index alone.
        indexes = [
            models.Index(fields=["name", "id"], name="member_directory_idx"),
            models.Index(
                fields=["kind", "name", "id", "joined_on", "left_on"],
                name="member_showcase_idx",
                condition=Q(show_in_showcase=True) & ~Q(status__in=["applying", "left"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="member_left_not_before_joined",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.region = normalize_spaces(self.region or "")
        self.industry = normalize_spaces(self.industry or "")
        if self.credit_code == "":
            self.credit_code = None
        if self.credit_code:
            self.credit_code = normalize_credit_code(self.credit_code)
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError(
                {"left_on": _("The leaving date cannot be before the joining date.")}
            )
        self._check_group_role_source()

    def _check_group_role_source(self) -> None:
        """A group role typed against the one its source (the council) gives is refused; an
        unchanged role is let through, so a profile edit never trips over the council."""
        stored = Member.objects.filter(pk=self.pk).values_list("group_role", flat=True).first()
        if self.group_role == stored:
            return
        for source in GROUP_ROLE_SOURCES:
            role = source(self)
            if role is not None and role != self.group_role:
                raise ValidationError(
                    {
                        "group_role": _(
                            "The council decides the role in the group: this organisation's "
                            "council positions make it “%(role)s”. Change its terms on the "
                            "council's page instead."
                        )
                        % {"role": Member.GroupRole(role).label}
                    },
                    code="group_role_source",
                )

    @property
    def has_pending_change(self) -> bool:
        pending = (self.pending_name, self.pending_credit_code, self.pending_kind)
        return any(value is not None for value in pending)


class Contact(models.Model):
    """A contact person at a member organisation."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="contacts")
    name = NameField(_("name"), max_length=100)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"], condition=Q(is_primary=True), name="one_primary_contact"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Representative(models.Model):
    """A portal user who may keep a member organisation's profile current."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The latest invitation e-mail, in the outbox (inviting again queues a new one).
    invitation = models.OneToOneField(
        "outbox.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(fields=["member", "user"], name="unique_representative")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.member}"

    @property
    def invitation_sent_at(self):
        """When the latest invitation left (None while it waits or if it failed)."""
        return self.invitation.sent_at if self.invitation_id else None


class JoinApplication(models.Model):
    """An organisation's application to join the group, reviewed by the secretariat.

    The organisation itself is a Member with status `applying` until staff decide; a rejected
    application keeps the name it was made under (the Member record is removed so the name
    and credit code are free again)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    member = models.OneToOneField(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_application",
    )
    organisation_name = NameField(_("organisation"), max_length=200)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_applications"
    )
    contact_name = NameField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    motivation = models.TextField(_("why we want to join"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.organisation_name


class IndividualMember(models.Model):
    """A person who joins the group on their own (个人会员), after the secretariat's review."""

    class Status(models.TextChoices):
        APPLYING = "applying", _("Applying")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        LEFT = "left", _("Left")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="individual_memberships"
    )
    full_name = NameField(_("full name"), max_length=100)
    phone = models.CharField(_("mobile phone"), max_length=11, validators=[validate_mobile])
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    expertise = models.TextField(_("expertise and how I would take part"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLYING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("individual member")
        verbose_name_plural = _("individual members")
        ordering = ["-created_at"]
        constraints = [
            # One open application or membership per person at a time.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["applying", "active"]),
                name="one_open_individual_membership",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Review(models.Model):
    """The yearly review (年检) of the members, opened by staff for a year with a deadline."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    deadline = models.DateField(_("deadline"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def is_open(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) <= self.deadline


class ReviewEntry(models.Model):
    """One member in one review: its representative's confirmation and the staff's result."""

    class Result(models.TextChoices):
        PENDING = "pending", pgettext_lazy("review result", "Not decided")
        PASSED = "passed", pgettext_lazy("review result", "Passed")
        WARNED = "warned", pgettext_lazy("review result", "Warned")
        ASKED_TO_LEAVE = "asked_to_leave", pgettext_lazy("review result", "Asked to leave")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="review_entries")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, default=Result.PENDING, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review of a member")
        verbose_name_plural = _("reviews of members")
        ordering = ["member__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "member"], name="one_entry_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.review.year} {self.member}"


def certificate_token() -> str:
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """A membership certificate (会员证书) issued to a member that passed a review; its QR code
    opens a public page saying whether it is genuine and current."""

    class State(models.TextChoices):
        VALID = "valid", pgettext_lazy("certificate", "Valid")
        EXPIRED = "expired", pgettext_lazy("certificate", "Expired")
        REVOKED = "revoked", pgettext_lazy("certificate", "Not valid")
        UNKNOWN = "unknown", pgettext_lazy("certificate", "Unknown")

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    token = models.CharField(max_length=32, unique=True, default=certificate_token, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="certificates")
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="certificates")
    member_name = models.CharField(_("member"), max_length=200)
    position = models.CharField(_("position in the group"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("why it was revoked"), blank=True)

    class Meta:
        verbose_name = _("membership certificate")
        verbose_name_plural = _("membership certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["member", "review"], name="one_certificate_per_review")
        ]

    def __str__(self) -> str:
        return self.number
