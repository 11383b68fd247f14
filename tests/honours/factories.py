import datetime

import factory
from factory.django import DjangoModelFactory

from honours.models import Award, Chain, ChainLeader, ChainLink, ChainPlacement
from tests.factories import MemberFactory


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = Award

    level = Award.Level.NATIONAL
    competition = "第九届全国数控技能大赛"
    event = "数字化设计与制造赛项"
    rank = "教师组冠军"
    awarded_on = datetime.date(2021, 11, 20)
    status = Award.Status.CONFIRMED


class ChainFactory(DjangoModelFactory):
    class Meta:
        model = Chain

    name = factory.Sequence(lambda n: f"模具产业链{n}")


class LinkFactory(DjangoModelFactory):
    class Meta:
        model = ChainLink

    chain = factory.SubFactory(ChainFactory)
    name = factory.Sequence(lambda n: f"环节{n}")
    position = factory.Sequence(lambda n: n)


class PlacementFactory(DjangoModelFactory):
    class Meta:
        model = ChainPlacement

    link = factory.SubFactory(LinkFactory)
    chain = factory.LazyAttribute(lambda p: p.link.chain)
    member = factory.SubFactory(MemberFactory)


class LeaderFactory(DjangoModelFactory):
    class Meta:
        model = ChainLeader

    chain = factory.SubFactory(ChainFactory)
    member = factory.SubFactory(MemberFactory)
    tier = ChainLeader.Tier.CHIEF
    starts_on = datetime.date(2021, 1, 1)
