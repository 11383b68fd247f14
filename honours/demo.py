"""The demo group's honours and chain-leader system, from seed 004 (the 2022 work plan of the
Guangdong digital-technology skills group).

Seed 004 names the results, not the winners' organisations in this demo group: they are credited
to the demo's lead school. It gives the CNC competition's year only (2021, before the plan of
7 December 2021) and no year for the WorldSkills gold: the demo dates that one 2015, and says so.
Its chain-leader system: 15 chain leaders (总链主) and 101 sub-chain leaders (分链主), here on a
mould chain and a digital-technology chain, appointed with the plan of 7 December 2021.
"""

from datetime import date

from members.demo import LEAD_SCHOOL
from members.models import Member
from partnerships.models import Project

from .models import Accreditation, Award, Chain, ChainLeader, ChainLink, ChainPlacement

# Seed 000: a provincial demonstration group in 2018, a national candidate in 2021 (years only).
ACCREDITATIONS = [
    ("广东省示范性职业教育集团", Accreditation.Level.PROVINCIAL, Accreditation.Standing.AWARDED,
     "广东省教育厅", date(2018, 12, 1)),
    ("全国示范性职业教育集团（联盟）培育单位", Accreditation.Level.NATIONAL,
     Accreditation.Standing.CANDIDATE, "教育部", date(2021, 6, 1)),
]  # fmt: skip

CNC = "第九届全国数控技能大赛"
AWARDS = [
    # level, competition, event, rank, date, people
    (Award.Level.WORLD, "世界技能大赛", "", "金牌（广州技工院校世界技能大赛金牌零的突破）",
     date(2015, 8, 16), ""),
    (Award.Level.NATIONAL, CNC, "数字化设计与制造赛项", "教师组冠军", date(2021, 11, 30),
     "教师组参赛队"),
    (Award.Level.NATIONAL, CNC, "", "冠军选手单位", date(2021, 11, 30), ""),
]  # fmt: skip

TERM_STARTS = date(2021, 12, 7)
# The demo's cooperation projects (partnerships.demo, seed 000) on the links they feed.
LINK_PROJECTS = {
    "模具设计": ["端品模具研发及工程中心", "端品模具设计191班"],
    "模具零部件与标准件": ["捷荣模具产业学院（长安技谷）"],
    "模具加工装备": ["创世纪顶岗实习（2021）"],
    "模具制造与装配": ["艾尔玛模具制造191班", "艾尔玛顶岗实习（2021）"],
    "数字化运维与电商服务": ["跨境电子商务专业共建"],
}
CHAINS = [
    # name, chain leaders, sub-chain leaders, links (name, programmes)
    (
        "模具产业链",
        8,
        55,
        [
            ("模具材料", ""),
            ("模具设计", "模具设计与制造\n工业产品设计"),
            ("模具零部件与标准件", "模具制造技术"),
            ("模具加工装备", "数控技术应用"),
            ("模具制造与装配", "模具制造技术"),
            ("注塑与成型生产", "模具制造技术"),
            ("检测与技术服务", ""),
        ],
    ),
    (
        "数字技术产业链",
        7,
        46,
        [
            ("电子元器件与芯片", ""),
            ("工业软件", "计算机应用"),
            ("工业互联网与数据服务", "计算机网络技术"),
            ("智能制造系统集成", "工业机器人技术应用"),
            ("数字化运维与电商服务", "跨境电子商务"),
        ],
    ),
]


def _load_awards() -> None:
    school = Member.objects.filter(name=LEAD_SCHOOL).first()
    for level, competition, event, rank, awarded_on, people in AWARDS:
        # Idempotent on what names the award (the same title may exist already).
        if Award.objects.filter(competition=competition, event=event, rank=rank).exists():
            continue
        award = Award.objects.create(
            competition=competition,
            event=event,
            rank=rank,
            level=level,
            awarded_on=awarded_on,
            winners=people,
            status=Award.Status.CONFIRMED,
        )
        if school:
            award.members.add(school)


def _leaders_pool() -> list[Member]:
    """Current members, enterprises first, then by name: the demo's chain leaders."""
    current = Member.objects.current().exclude(name=LEAD_SCHOOL)
    return sorted(current, key=lambda m: (m.kind != Member.Kind.ENTERPRISE, m.name))


def _load_chain(position, name, chiefs, subs, links, pool: list[Member]) -> None:
    chain, _created = Chain.objects.get_or_create(name=name, defaults={"position": position})
    link_rows = []
    for position, (link_name, programmes) in enumerate(links, start=1):
        link, _ = ChainLink.objects.get_or_create(
            chain=chain, name=link_name, defaults={"position": position, "programmes": programmes}
        )
        link_rows.append(link)
        link.projects.add(*Project.objects.filter(title__in=LINK_PROJECTS.get(link_name, [])))
    if chain.leaders.exists():
        return
    # The first and last links stay without members: the map shows gaps to fill.
    staffed = link_rows[1:-1]
    for n, member in enumerate(pool[: chiefs + subs]):
        link = staffed[n % len(staffed)]
        ChainPlacement.objects.get_or_create(chain=chain, link=link, member=member)
        tier = ChainLeader.Tier.CHIEF if n < chiefs else ChainLeader.Tier.SUB
        ChainLeader.objects.create(
            chain=chain,
            link=None if tier == ChainLeader.Tier.CHIEF else link,
            member=member,
            tier=tier,
            starts_on=TERM_STARTS,
        )


def load() -> str:
    for title, level, standing, awarded_by, awarded_on in ACCREDITATIONS:
        Accreditation.objects.get_or_create(
            title=title,
            defaults={
                "level": level,
                "standing": standing,
                "awarded_by": awarded_by,
                "awarded_on": awarded_on,
            },
        )
    _load_awards()
    pool = _leaders_pool()
    for position, (name, chiefs, subs, links) in enumerate(CHAINS, start=1):
        _load_chain(position, name, chiefs, subs, links, pool)
        pool = pool[chiefs + subs :]
    return (
        f"{Award.objects.count()} awards, {Chain.objects.count()} industry chains, "
        f"{ChainLeader.objects.filter(tier=ChainLeader.Tier.CHIEF).count()} chain leaders, "
        f"{ChainLeader.objects.filter(tier=ChainLeader.Tier.SUB).count()} sub-chain leaders"
    )
