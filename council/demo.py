"""The demo council: the second council (2019–2024) in the history and the third (from
October 2024) running. Seed 000 names the lead school (牵头) as the secretary-general's unit
(秘书长单位); the vice-chairs are the demo members typed `vice_chair`. Delegates' names are the
demo's own. Idempotent: a term already recorded is left alone."""

from datetime import date

from django.core.exceptions import ValidationError

from members.demo import LEAD_SCHOOL
from members.models import Member

from . import services
from .models import Term

P = Term.Position
SECOND = (date(2019, 10, 18), date(2024, 10, 17))
THIRD = (date(2024, 10, 18), None)

# position, member, delegate, job title
COUNCIL = [
    (P.CHAIR, LEAD_SCHOOL, "陈志强", "校长"),
    (P.VICE_CHAIR, "东莞市端品精密科技有限公司", "李文华", "董事长"),
    (P.VICE_CHAIR, "东莞市艾尔玛科技有限公司", "黄建国", "总经理"),
    (P.VICE_CHAIR, "东莞市模具行业协会", "刘德明", "会长"),
    (P.SECRETARY_GENERAL, LEAD_SCHOOL, "周晓梅", "副校长"),
    (P.STANDING_DIRECTOR, "湾区模具职业技术学院", "吴立新", "院长"),
    (P.DIRECTOR, "广东创世纪智能装备股份有限公司", "郑海涛", "人力资源总监"),
    (P.DIRECTOR, "长安电商协会", "孙丽娟", "秘书长"),
    (P.DIRECTOR, "东莞捷荣技术股份有限公司", "何永平", "副总经理"),
    (P.DIRECTOR, "广东日信高精密科技有限公司", "林国栋", "厂长"),
    (P.CHIEF_SUPERVISOR, "东莞精密模具技术研究院", "邓建华", "所长"),
    (P.SUPERVISOR, "东莞市塑胶行业协会", "谢红", "副会长"),
]
# The second council differed in two seats: its secretary-general and one director.
SECOND_ONLY = [
    (P.CHAIR, LEAD_SCHOOL, "陈志强", "校长"),
    (P.VICE_CHAIR, "东莞市端品精密科技有限公司", "李文华", "董事长"),
    (P.VICE_CHAIR, "东莞市艾尔玛科技有限公司", "黄建国", "总经理"),
    (P.VICE_CHAIR, "东莞市模具行业协会", "刘德明", "会长"),
    (P.SECRETARY_GENERAL, LEAD_SCHOOL, "梁永健", "副校长"),
    (P.DIRECTOR, "广东创世纪智能装备股份有限公司", "郑海涛", "人力资源总监"),
    (P.DIRECTOR, "长安电商协会", "孙丽娟", "秘书长"),
    (P.CHIEF_SUPERVISOR, "东莞精密模具技术研究院", "邓建华", "所长"),
]


def _record(terms, starts_on, ends_on, members: dict[str, Member]) -> None:
    for position, name, delegate, title in terms:
        member = members.get(name)
        if member is None:
            continue
        exists = Term.objects.filter(position=position, member=member, starts_on=starts_on)
        if exists.exists():
            continue
        try:
            services.term_save(
                term=Term(
                    position=position,
                    member=member,
                    delegate=delegate,
                    delegate_title=title,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    note="第二届理事会" if ends_on else "第三届理事会",
                )
            )
        except ValidationError:
            continue  # another holder recorded by staff keeps the seat


def load() -> str:
    names = {name for _p, name, _d, _t in COUNCIL + SECOND_ONLY}
    members = {m.name: m for m in Member.objects.filter(name__in=names)}
    _record(SECOND_ONLY, *SECOND, members)
    _record(COUNCIL, *THIRD, members)
    return (
        f"{Term.objects.current().count()} council seats today, "
        f"{Term.objects.past().count()} in the history"
    )
