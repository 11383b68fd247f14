"""The demo group: the Dongguan Mould (International) Vocational Education Group of seed 000.

At founding (October 2013): 3 universities, 15 secondary vocational schools (the lead school among
them), 8 industry associations or research institutes and 76 enterprises; 101 enterprises by the
end of 2021. Named organisations come from the seed; the rest are generated so the counts match.
"""

from datetime import date, datetime
from itertools import product

from django.utils import timezone
from stdnum.cn import uscc

from .models import Certificate, Member, Review, ReviewEntry

FOUNDED_ON = date(2013, 10, 18)
DONGGUAN = "441900"

K = Member.Kind
LEAD_SCHOOL = "东莞市机电工程学校"

NAMED = [
    # name, kind, region, industry, joined_on, group role
    (LEAD_SCHOOL, K.VOCATIONAL_SCHOOL, "东莞市长安镇", "职业教育", FOUNDED_ON, "lead"),
    (
        "东莞市端品精密科技有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "精密模具",
        FOUNDED_ON,
        "vice_chair",
    ),
    (
        "东莞市艾尔玛科技有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "模具制造",
        FOUNDED_ON,
        "vice_chair",
    ),
    (
        "广东创世纪智能装备股份有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "智能装备",
        FOUNDED_ON,
        "member",
    ),
    ("东莞市模具行业协会", K.ASSOCIATION, "东莞市", "模具制造", FOUNDED_ON, "vice_chair"),
    ("长安电商协会", K.ASSOCIATION, "东莞市长安镇", "电子商务", FOUNDED_ON, "member"),
    (
        "东莞捷荣技术股份有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "精密结构件",
        date(2021, 4, 8),
        "member",
    ),
    (
        "广东日信高精密科技有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "精密模具",
        date(2021, 4, 8),
        "member",
    ),
    (
        "东莞市宇瞳光学科技股份有限公司",
        K.ENTERPRISE,
        "东莞市长安镇",
        "光学镜头",
        date(2021, 9, 15),
        "member",
    ),
    ("东莞极飞无人机科技有限公司", K.ENTERPRISE, "东莞市", "无人机", date(2021, 11, 10), "member"),
    ("长安人力资源分局", K.GOVERNMENT, "东莞市长安镇", "人力资源", date(2021, 3, 1), "member"),
]

TOWNS = [
    "长安",
    "虎门",
    "厚街",
    "塘厦",
    "常平",
    "樟木头",
    "清溪",
    "大朗",
    "寮步",
    "石碣",
    "茶山",
    "黄江",
    "凤岗",
    "沙田",
    "大岭山",
    "横沥",
]
UNIVERSITIES = ["湾区模具职业技术学院", "粤港澳智能制造学院", "南粤理工学院"]
ASSOCIATIONS = [
    "东莞市塑胶行业协会",
    "东莞市五金机械行业协会",
    "东莞市注塑技术学会",
    "东莞市智能制造产业联合会",
]
INSTITUTES = ["东莞精密模具技术研究院", "东莞先进成型技术研究所"]
FIRM_WORDS = [
    "华宏",
    "精创",
    "恒锐",
    "鼎盛",
    "宏达",
    "永盛",
    "金鹰",
    "科利",
    "联丰",
    "晶正",
    "博研",
    "铭泰",
    "合力",
    "新锐",
    "东磊",
    "星辉",
]
FIRM_TRADES = ["模具", "精密五金", "塑胶制品", "数控设备", "注塑科技", "自动化", "光学器件"]

# Registration authority and type codes of the credit code (GB 32100-2015, appendix A).
CODE_PREFIX = {
    K.ENTERPRISE: "91",
    K.VOCATIONAL_SCHOOL: "12",
    K.UNIVERSITY: "12",
    K.RESEARCH_INSTITUTE: "12",
    K.ASSOCIATION: "51",
    K.GOVERNMENT: "11",
}


def demo_credit_code(kind: str, serial: int) -> str:
    """A well-formed credit code: organisation code with its GB 11714 check, then GB 32100's."""
    body = f"{serial:08d}"
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    remainder = 11 - sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11
    org_check = {10: "X", 11: "0"}.get(remainder, str(remainder))
    partial = CODE_PREFIX[kind] + DONGGUAN + body + org_check
    return partial + uscc.calc_check_digit(partial)


def planned_members() -> list[dict]:
    """Every demo member as field values, named ones first; stable from run to run."""
    rows = [
        dict(name=n, kind=k, region=r, industry=i, joined_on=j, group_role=g)
        for n, k, r, i, j, g in NAMED
    ]
    rows += [
        dict(name=n, kind=K.UNIVERSITY, region="广东省", industry="高等教育", joined_on=FOUNDED_ON)
        for n in UNIVERSITIES
    ]
    rows += [
        dict(
            name=f"东莞市{t}职业技术学校",
            kind=K.VOCATIONAL_SCHOOL,
            region=f"东莞市{t}镇",
            industry="职业教育",
            joined_on=FOUNDED_ON,
        )
        for t in TOWNS[:14]
    ]
    rows += [
        dict(name=n, kind=K.ASSOCIATION, region="东莞市", industry="模具制造", joined_on=FOUNDED_ON)
        for n in ASSOCIATIONS
    ]
    rows += [
        dict(
            name=n,
            kind=K.RESEARCH_INSTITUTE,
            region="东莞市",
            industry="模具技术",
            joined_on=FOUNDED_ON,
        )
        for n in INSTITUTES
    ]
    rows += generated_enterprises()
    for serial, row in enumerate(rows, start=10_000_001):
        row["credit_code"] = demo_credit_code(row["kind"], serial)
        row["status"] = Member.Status.ACTIVE
    return rows


def generated_enterprises() -> list[dict]:
    named_founding = sum(1 for n in NAMED if n[1] == K.ENTERPRISE and n[4] == FOUNDED_ON)
    named_later = sum(1 for n in NAMED if n[1] == K.ENTERPRISE and n[4] != FOUNDED_ON)
    founding_count = 76 - named_founding
    later_count = 101 - 76 - named_later  # joined 2014-2020, three a year
    # Since the seed's year, two a year join (April and October), carried forward to today.
    today = date.today()
    since = [date(y, m, 15) for y in range(2022, today.year + 1) for m in (4, 10)]
    since = [day for day in since if day <= today]
    names = [f"东莞市{word}{trade}有限公司" for trade, word in product(FIRM_TRADES, FIRM_WORDS)][
        : founding_count + later_count + len(since)
    ]
    rows = []
    for index, name in enumerate(names):
        town = TOWNS[index % len(TOWNS)]
        if index < founding_count:
            joined = FOUNDED_ON
        elif index < founding_count + later_count:
            later = index - founding_count
            joined = date(2014 + later // 3, 3 + 3 * (later % 3), 15)
        else:
            joined = since[index - founding_count - later_count]
        trade = next(t for t in FIRM_TRADES if t in name)
        rows.append(
            dict(
                name=name,
                kind=K.ENTERPRISE,
                region=f"东莞市{town}镇",
                industry=trade,
                joined_on=joined,
            )
        )
    return rows


# What seed 000 tells about some members: their profile and what they offer the group.
PROFILES = {
    LEAD_SCHOOL: dict(
        description="集团牵头学校和秘书长单位，2018 年牵头的集团被认定为广东省示范职教集团。",
    ),
    "东莞市端品精密科技有限公司": dict(
        description="精密模具设计制造企业，与东莞市机电工程学校共建企业项目训练中心"
        "“端品模具研发及工程中心”。",
        offers_equipment="3000 万元先进设备入校，共建端品模具研发中心",
        offers_part_time_teachers=6,
    ),
    "东莞市艾尔玛科技有限公司": dict(
        description="模具制造与注塑企业，合办艾尔玛模具制造 191 班。",
        offers_internship_places=20,
    ),
    "广东创世纪智能装备股份有限公司": dict(
        description="智能装备制造企业，接收学生顶岗实习。",
        offers_internship_places=45,
    ),
    "广东日信高精密科技有限公司": dict(
        description="精密模具企业，为捷荣产业学院提供场地。",
        offers_equipment="产业学院场地",
    ),
}


def load() -> str:
    """Create the demo members that are missing (edits made since are kept)."""
    for row in planned_members():
        name = row.pop("name")
        member, _created = Member.objects.get_or_create(name=name, defaults=row)
        _fill_profile(member, PROFILES.get(name, {}))
    certificates = load_review(date.today().year - 1)
    return f"{Member.objects.count()} member organisations, {certificates} certificates"


def _fill_profile(member: Member, profile: dict) -> None:
    """Fill only the fields still empty, so edits made since stay."""
    changed = [f for f, v in profile.items() if not getattr(member, f) and v]
    for field in changed:
        setattr(member, field, profile[field])
    if changed:
        member.save(update_fields=changed)


WARNINGS = (
    "联系人已离职，资料逾期未更新，限期三个月整改。",
    "全年未参加集团活动，也未报送年度数据，予以警告。",
)
ASKED_TO_LEAVE = "连续两年未参加集团活动，经理事会审议劝退。"


def load_review(year: int) -> int:
    """Last year's review, closed: most members passed, a few were warned or never answered,
    one was asked to leave; the lead and vice-chair units took their certificates."""
    from .reviews import certificate_issue

    if Review.objects.filter(year=year).exists():
        return Certificate.objects.filter(review__year=year).count()
    review = Review.objects.create(year=year, deadline=date(year + 1, 3, 31))
    members = list(Member.objects.current().exclude(joined_on__gt=date(year, 12, 31)))
    R = ReviewEntry.Result
    confirmed = timezone.make_aware(datetime(year + 1, 3, 2, 10))
    decided = timezone.make_aware(datetime(year + 1, 4, 10, 15))
    entries = []
    for index, member in enumerate(members):
        entry = ReviewEntry(review=review, member=member, confirmed_at=confirmed)
        entry.result, entry.decided_at = R.PASSED, decided
        if index % 13 == 7:  # never answered
            entry.confirmed_at = None
            entry.result, entry.reason = R.WARNED, WARNINGS[0]
        elif index % 29 == 11:
            entry.result, entry.reason = R.WARNED, WARNINGS[1]
        elif index % 13 == 9:  # not answered, not decided yet
            entry.confirmed_at = entry.decided_at = None
            entry.result = R.PENDING
        entries.append(entry)
    enterprises = [e for e in entries if e.member.kind == K.ENTERPRISE and e.result == R.PASSED]
    enterprises[-1].result, enterprises[-1].reason = R.ASKED_TO_LEAVE, ASKED_TO_LEAVE
    ReviewEntry.objects.bulk_create(entries)
    leaders = [
        e.member for e in entries if e.result == R.PASSED and e.member.group_role != "member"
    ]
    for member in leaders:
        certificate_issue(member=member)
    return len(leaders)
