from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Member
from partnerships.models import Project

from .validators import validate_evidence, validate_not_future

# The projects that train competitors: what an award's "trained by" may point at.
TRAINING_KINDS = [
    Project.Kind.COMPETITION_BASE,
    Project.Kind.MASTER_STUDIO,
    Project.Kind.TRAINING_CENTRE,
]


class AwardQuerySet(models.QuerySet):
    def confirmed(self) -> "AwardQuerySet":
        return self.filter(status=Award.Status.CONFIRMED)

    def in_year(self, year: int) -> "AwardQuerySet":
        return self.filter(awarded_on__year=year)


class Award(models.Model):
    """An honour or a competition result won by members of the group and their people."""

    class Level(models.TextChoices):
        WORLD = "world", _("World")
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        INDUSTRY = "industry", _("Industry")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    competition = models.CharField(_("competition or awarding body"), max_length=200)
    event = models.CharField(
        _("event"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 第九届全国数控技能大赛 数字化设计与制造赛项"),
    )
    rank = models.CharField(_("rank or title"), max_length=200)
    awarded_on = models.DateField(_("date"), validators=[validate_not_future])
    members = models.ManyToManyField(
        Member, related_name="awards", blank=True, verbose_name=_("winning members")
    )
    people = models.ManyToManyField(
        "people.Person",
        related_name="awards",
        blank=True,
        verbose_name=_("winners in the people registry"),
    )
    winners = models.TextField(
        _("other winners"),
        blank=True,
        help_text=_("The people who won and are not in the people registry, one name a line."),
    )
    trained_by = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        limit_choices_to={"kind__in": TRAINING_KINDS},
        verbose_name=_("trained by (competition base or master studio)"),
    )
    evidence = models.FileField(
        _("evidence"), upload_to="honours/evidence/%Y/", blank=True, validators=[validate_evidence]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "-id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.competition} {self.event} {self.rank}".replace("  ", " ").strip()

    @property
    def winner_names(self) -> list[str]:
        return [line.strip() for line in self.winners.splitlines() if line.strip()]


class Chain(models.Model):
    """An industry chain (产业链) the group's members work along, e.g. 模具."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")

    def __str__(self) -> str:
        return self.name


class ChainLink(models.Model):
    """One link of a chain, upstream (low position) to downstream."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order"))
    programmes = models.TextField(
        _("school programmes feeding this link"), blank=True, help_text=_("One a line.")
    )
    projects = models.ManyToManyField(
        Project,
        blank=True,
        related_name="chain_links",
        verbose_name=_("cooperation projects feeding this link"),
    )

    class Meta:
        ordering = ["chain", "position"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "position"], name="chain_link_position"),
            models.UniqueConstraint(fields=["chain", "name"], name="chain_link_name"),
        ]
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")

    def __str__(self) -> str:
        return f"{self.chain} · {self.name}"

    @property
    def programme_names(self) -> list[str]:
        return [line.strip() for line in self.programmes.splitlines() if line.strip()]


def _link_of_chain(chain_id, link) -> None:
    if link is not None and chain_id is not None and link.chain_id != chain_id:
        raise ValidationError(
            {"link": _("This link belongs to another chain.")}, code="link_of_other_chain"
        )


class ChainPlacement(models.Model):
    """A member working in one link of a chain."""

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="placements")
    link = models.ForeignKey(ChainLink, on_delete=models.CASCADE, related_name="placements")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="chain_placements")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["link", "member"], name="chain_placement_once")
        ]
        verbose_name = _("placement on a chain")
        verbose_name_plural = _("placements on chains")

    def __str__(self) -> str:
        return f"{self.member} @ {self.link}"

    def clean(self) -> None:
        _link_of_chain(self.chain_id, self.link if self.link_id else None)


def member_has_left(member: Member) -> bool:
    today = timezone.localdate()
    return member.status == Member.Status.LEFT or (
        member.left_on is not None and member.left_on <= today
    )


class ChainLeaderQuerySet(models.QuerySet):
    def serving_on(self, day) -> "ChainLeaderQuerySet":
        """In their term on the day, and their member still in the group (the contract's
        rule for members: left_on empty or after the day)."""
        return (
            self.filter(starts_on__lte=day)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
            .filter(Q(member__left_on__isnull=True) | Q(member__left_on__gt=day))
        )


class ChainLeader(models.Model):
    """A chain leader (总链主) of a chain or a sub-chain leader (分链主) of one of its links."""

    class Tier(models.TextChoices):
        CHIEF = "chief", _("Chain leader (总链主)")
        SUB = "sub", _("Sub-chain leader (分链主)")

    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="leaders")
    link = models.ForeignKey(
        ChainLink,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="leaders",
        verbose_name=_("link"),
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="chain_leaderships")
    tier = models.CharField(_("tier"), max_length=8, choices=Tier.choices, db_index=True)
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"), null=True, blank=True)

    objects = ChainLeaderQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "tier", "link__position", "member__name"]
        verbose_name = _("chain leader")
        verbose_name_plural = _("chain leaders")

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.member} ({self.chain})"

    def clean(self) -> None:
        errors = {}
        if self.link_id:
            try:
                _link_of_chain(self.chain_id, self.link)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if self.tier == self.Tier.SUB and not self.link_id:
            errors["link"] = [_("A sub-chain leader leads one link: choose it.")]
        if self.member_id and member_has_left(self.member):
            errors["member"] = [_("This member has left the group and cannot lead a chain.")]
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = [_("The term cannot end before it starts.")]
        if errors:
            raise ValidationError(errors)


class Accreditation(models.Model):
    """A recognition of the group itself, e.g. 广东省示范性职业教育集团 (2018)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")

    class Standing(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        CANDIDATE = "candidate", _("Candidate (培育单位)")

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    standing = models.CharField(
        _("standing"), max_length=16, choices=Standing.choices, default=Standing.AWARDED
    )
    awarded_by = models.CharField(_("awarding body"), max_length=200)
    awarded_on = models.DateField(_("date"), validators=[validate_not_future])
    document = models.FileField(
        _("document"),
        upload_to="honours/accreditations/",
        blank=True,
        validators=[validate_evidence],
    )

    class Meta:
        ordering = ["-awarded_on"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")

    def __str__(self) -> str:
        return f"{self.title} ({self.awarded_on.year})"
