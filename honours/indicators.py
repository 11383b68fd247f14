"""The honours and chain-leader figures of a year, registered as sections of a frozen year
(reports.snapshots): they reach the snapshot page, the annual report and the open data.

- `awards_<level>`: confirmed awards dated in the year, per level (and `awards_total`).
- `chain_leaders_<tier>`: chain leaders whose term covers 31 December of the year.
"""

from datetime import date

from django.db.models import Count
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Award, ChainLeader

AWARD_LABELS = {"awards_total": _("Awards and competition results (confirmed)")}
AWARD_LABELS |= {
    f"awards_{value}": format_lazy(_("Awards: {level}"), level=label)
    for value, label in Award.Level.choices
}
AWARD_LABELS["honours"] = _("Honours and competitions")

LEADER_LABELS = {
    "chain_leaders_chief": _("Chain leaders (总链主) serving at the end of the year"),
    "chain_leaders_sub": _("Sub-chain leaders (分链主) serving at the end of the year"),
    "chains": _("Chain-leader system"),
}


def award_counts(year: int) -> dict[str, int]:
    rows = Award.objects.confirmed().in_year(year).values("level").annotate(n=Count("id"))
    by_level = {row["level"]: row["n"] for row in rows}
    counts = {f"awards_{level}": by_level.get(level, 0) for level in Award.Level.values}
    return {"awards_total": sum(counts.values()), **counts}


def leader_counts(year: int) -> dict[str, int]:
    serving = ChainLeader.objects.serving_on(date(year, 12, 31))
    by_tier = dict(serving.values_list("tier").annotate(n=Count("id")))
    return {f"chain_leaders_{tier}": by_tier.get(tier, 0) for tier in ChainLeader.Tier.values}


def collect_honours(year: int) -> dict:
    awards = Award.objects.confirmed().in_year(year).prefetch_related("members", "people")
    records = [
        {
            "level": a.level,
            "competition": a.competition,
            "event": a.event,
            "rank": a.rank,
            "awarded_on": a.awarded_on.isoformat(),
            "members": [m.name for m in a.members.all()],
            "people": [p.full_name for p in a.people.all()] + a.winner_names,
        }
        for a in awards.order_by("awarded_on", "id")
    ]
    return {"totals": award_counts(year), "records": records}


def collect_chains(year: int) -> dict:
    serving = ChainLeader.objects.serving_on(date(year, 12, 31)).select_related(
        "chain", "link", "member"
    )
    records = [
        {
            "chain": leader.chain.name,
            "link": leader.link.name if leader.link else None,
            "member": leader.member.name,
            "tier": leader.tier,
            "starts_on": leader.starts_on.isoformat(),
            "ends_on": leader.ends_on.isoformat() if leader.ends_on else None,
        }
        for leader in serving
    ]
    return {"totals": leader_counts(year), "records": records}


# Results named one by one in the report, highest level first.
NAMED_IN_REPORT = 5


def honours_narrative(year: int, data: dict) -> list[str]:
    totals = data.get("totals") or {}
    if not totals.get("awards_total"):
        return []
    counts = {level: totals.get(f"awards_{level}", 0) for level in Award.Level.values}
    text = gettext(
        "Awards and competition results won by the group's members in %(year)s: %(total)s "
        "(world level: %(world)s, national: %(national)s, provincial: %(provincial)s, "
        "city: %(city)s, industry: %(industry)s)."
    ) % {"year": year, "total": totals["awards_total"], **counts}
    order = {level: n for n, level in enumerate(Award.Level.values)}
    records = sorted(data.get("records") or [], key=lambda r: order.get(r["level"], 99))
    named = [
        " ".join(part for part in (r["competition"], r["event"], r["rank"]) if part)
        for r in records[:NAMED_IN_REPORT]
    ]
    if named:
        text += " " + gettext("Among them: %(results)s.") % {"results": "; ".join(named)}
    return [text]


def chains_narrative(year: int, data: dict) -> list[str]:
    totals = data.get("totals") or {}
    chief, sub = totals.get("chain_leaders_chief", 0), totals.get("chain_leaders_sub", 0)
    if not chief and not sub:
        return []
    chains = sorted({r["chain"] for r in data.get("records") or []})
    return [
        gettext(
            "The group runs a chain-leader system along %(chains)s. Serving at the end of "
            "%(year)s: chain leaders (总链主): %(chief)s; sub-chain leaders (分链主): %(sub)s."
        )
        % {"year": year, "chief": chief, "sub": sub, "chains": "、".join(chains)}
    ]


def _award_rows(year: int):
    levels = dict(Award.Level.choices)
    for r in collect_honours(year)["records"]:
        yield (
            [
                str(levels[r["level"]]),
                r["competition"],
                r["event"],
                r["rank"],
                r["awarded_on"],
                "、".join(r["members"]),
                "、".join(r["people"]),
            ]
        )


def _leader_rows(year: int):
    tiers = dict(ChainLeader.Tier.choices)
    for r in collect_chains(year)["records"]:
        yield (
            [r["chain"], r["link"] or "", str(tiers[r["tier"]]), r["member"]]
            + [r["starts_on"], r["ends_on"] or ""]
        )


def register_sections() -> None:
    from reports.national import Category, register_category
    from reports.snapshots import register_snapshot_section

    # The national platform's files: headers are the platform's own field names (data).
    register_category(
        Category(
            "12",
            "获奖与竞赛",
            ["级别", "赛事或授予单位", "赛项", "名次或称号", "获奖日期", "获奖单位", "获奖人员"],
            _award_rows,
        )
    )
    register_category(
        Category(
            "13",
            "链长制",
            ["产业链", "环节", "链主类别", "单位名称", "任期开始", "任期结束"],
            _leader_rows,
        )
    )

    register_snapshot_section("honours", collect_honours, AWARD_LABELS, honours_narrative)
    register_snapshot_section("chains", collect_chains, LEADER_LABELS, chains_narrative)
