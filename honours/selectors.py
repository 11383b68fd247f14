from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, When
from django.utils import timezone

from partnerships.models import Project

from .models import Award, Chain, ChainLeader, ChainLink, ChainPlacement

LEVEL_ORDER = list(Award.Level.values)


def confirmed_highest_first():
    """Confirmed awards, world level first, the latest first within a level."""
    rank = Case(
        *(When(level=v, then=n) for n, v in enumerate(LEVEL_ORDER)), output_field=IntegerField()
    )
    return (
        Award.objects.confirmed()
        .select_related("trained_by")
        .prefetch_related("members", "people")
        .order_by(rank, "-awarded_on", "-id")
    )


def by_level(awards) -> list[tuple[str, list[Award]]]:
    """(level label, awards) for each level among the awards (a page of them), world first."""
    by_level: dict[str, list[Award]] = {}
    for award in awards:
        by_level.setdefault(award.level, []).append(award)
    labels = dict(Award.Level.choices)
    return [(labels[level], by_level[level]) for level in LEVEL_ORDER if level in by_level]


def awards_of_members(member_ids: list[int]):
    return (
        Award.objects.filter(members__in=member_ids)
        .distinct()
        .select_related("trained_by")
        .prefetch_related("members", "people")
    )


@dataclass
class MapMember:
    name: str
    leader: str = ""  # "chief", "sub" or ""


@dataclass
class MapLink:
    link: ChainLink
    members: list[MapMember] = field(default_factory=list)

    @property
    def no_member(self) -> bool:
        return not self.members

    @property
    def no_programme(self) -> bool:
        return not self.link.programme_names

    @property
    def leaders(self) -> int:
        return sum(1 for m in self.members if m.leader)


@dataclass
class ChainMap:
    chain: Chain
    chiefs: list[str]
    links: list[MapLink]

    @property
    def gaps(self) -> int:
        return sum(1 for link in self.links if link.no_member or link.no_programme)


def chain_maps() -> list[ChainMap]:
    """Each chain with its links in order, the members and projects on each and today's leaders
    (5 queries)."""
    today = timezone.localdate()
    serving = ChainLeader.objects.serving_on(today).select_related("member")
    chains = Chain.objects.prefetch_related(
        Prefetch(
            "links",
            queryset=ChainLink.objects.order_by("position").prefetch_related(
                Prefetch("projects", queryset=Project.objects.order_by("title").only("title"))
            ),
        ),
        Prefetch(
            "placements",
            queryset=ChainPlacement.objects.select_related("member").order_by("member__name"),
        ),
        Prefetch("leaders", queryset=serving, to_attr="serving"),
    )
    maps = []
    for chain in chains:
        chiefs = {lead.member_id for lead in chain.serving if lead.tier == ChainLeader.Tier.CHIEF}
        subs = {(lead.link_id, lead.member_id) for lead in chain.serving if lead.link_id}
        links = {link.pk: MapLink(link) for link in chain.links.all()}
        for placement in chain.placements.all():
            member_id = placement.member_id
            if member_id in chiefs:
                leader = "chief"
            elif (placement.link_id, member_id) in subs:
                leader = "sub"
            else:
                leader = ""
            links[placement.link_id].members.append(MapMember(placement.member.name, leader))
        for map_link in links.values():
            map_link.members.sort(key=lambda m: (m.leader == "", m.name))
        chief_names = sorted(
            {lead.member.name for lead in chain.serving if lead.tier == ChainLeader.Tier.CHIEF}
        )
        maps.append(ChainMap(chain, chief_names, list(links.values())))
    return maps
