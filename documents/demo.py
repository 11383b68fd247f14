"""The demo library: the charter in two versions (founding 2013, revised 2021), rules, minutes
and accreditation materials of seed 000, at each access level. Idempotent by title."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from core.pdfs import render_pdf

from . import services
from .models import Access, Document, Folder, Version

TZ = ZoneInfo("Asia/Shanghai")
K = Document.Kind

FOLDERS = [
    ("章程与制度", "集团章程和各项管理制度"),
    ("会议纪要", "理事会和座谈会的纪要与决议"),
    ("认定材料", "省级和国家级示范职教集团的申报与认定材料"),
    ("模板与表格", "国家平台填报模板和常用表格"),
]
CHARTER_ARTICLES = [
    "第一条 本集团名称为东莞市模具（国际）职业教育集团，是在东莞市教育局的主导下，"
    "由东莞市机电工程学校牵头，院校、行业协会、科研机构和企业自愿组成的职业教育联合体。",
    "第二条 集团按照“政校企合作、专业性联盟、产教研结合、国际化发展”的思路开展工作。",
    "第三条 集团设理事会，理事会设理事长一名、副理事长若干名、秘书长一名，任期五年。",
    "第四条 集团秘书处设在秘书长单位东莞市机电工程学校，负责集团日常工作。",
]
# title, folder, kind, access, versions: (edition, paragraphs, note, uploaded at)
DOCUMENTS = [
    (
        "东莞市模具（国际）职业教育集团章程",
        "章程与制度",
        K.CHARTER,
        Access.PUBLIC,
        [
            ("2013 年 10 月成立大会通过", CHARTER_ARTICLES, "成立大会通过", datetime(2013, 10, 18)),
            (
                "2021 年理事会修订",
                [
                    *CHARTER_ARTICLES,
                    "第五条 集团积极创建全国示范性职业教育集团（联盟），"
                    "成员单位按年度报送产教融合数据。",
                ],
                "2021 年理事会修订：增加第五条",
                datetime(2021, 12, 20),
            ),
        ],
    ),
    (
        "集团理事会议事规则",
        "章程与制度",
        K.RULES,
        Access.MEMBERS,
        [("2019 年", ["理事会每年至少召开一次全体会议，由理事长召集。"], "", datetime(2019, 3, 1))],
    ),
    (
        "2021 年度工作总结",
        "会议纪要",
        K.MINUTES,
        Access.PUBLIC,
        [
            (
                "2022 年 2 月 28 日",
                [
                    "2021 年，集团入围全国示范性职业教育集团（联盟）培育单位，"
                    "是全省入围的两所中职学校之一。",
                    "集团多次与长安电商协会、电商企业座谈，对跨境电商校企合作方案进行了协商。",
                ],
                "",
                datetime(2022, 2, 28),
            )
        ],
    ),
    (
        "与长安电商协会座谈纪要",
        "会议纪要",
        K.MINUTES,
        Access.MEMBERS,
        [
            (
                "2021 年",
                ["商定跨境电商校企合作方案、人才培养方案和校企共同授课安排。"],
                "",
                datetime(2021, 11, 20),
            )
        ],
    ),
    (
        "广东省示范职教集团认定文件",
        "认定材料",
        K.ACCREDITATION,
        Access.PUBLIC,
        [("2018 年", ["集团被认定为广东省示范职教集团。"], "", datetime(2018, 12, 1))],
    ),
    (
        "全国示范性职业教育集团（联盟）培育单位申报书",
        "认定材料",
        K.ACCREDITATION,
        Access.STAFF,
        [("2021 年", ["申报书及佐证材料目录。"], "", datetime(2021, 6, 1))],
    ),
    (
        "国家平台年度数据填报说明",
        "模板与表格",
        K.TEMPLATE,
        Access.STAFF,
        [
            (
                "2020 年度",
                ["按文件和系统平台的要求完成年度资料归类入档和系统入库。"],
                "",
                datetime(2021, 3, 1),
            )
        ],
    ),
]


def _pdf(title: str, edition: str, paragraphs: list[str]) -> bytes:
    return render_pdf(
        "documents/demo_document.html",
        {"title": title, "edition": edition, "paragraphs": paragraphs},
    )


def _load_document(title, folder_name, kind, access, versions) -> None:
    folder = Folder.objects.get(name=folder_name)
    document, _created = Document.objects.get_or_create(
        title=title, defaults={"folder": folder, "kind": kind, "access": access}
    )
    for number, (edition, paragraphs, note, uploaded_at) in enumerate(versions, start=1):
        if document.versions.filter(number__gte=number).exists():
            continue
        file = ContentFile(_pdf(title, edition, paragraphs), name=f"{title}.pdf")
        version = services.version_add(document=document, file=file, by=None, note=note)
        Version.objects.filter(pk=version.pk).update(uploaded_at=uploaded_at.replace(tzinfo=TZ))


def load() -> str:
    for position, (name, description) in enumerate(FOLDERS, start=1):
        Folder.objects.get_or_create(
            name=name, defaults={"description": description, "position": position}
        )
    for row in DOCUMENTS:
        _load_document(*row)
    counts = {level: Document.objects.filter(access=level).count() for level in Access.values}
    return (
        f"{Document.objects.count()} documents ({counts['public']} public, "
        f"{counts['members']} for members, {counts['staff']} for staff), "
        f"{Version.objects.count()} versions"
    )
