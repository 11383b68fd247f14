"""The student register's fields (学籍) and the roster in the register import's column order."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from enrollment.codes import ETHNIC_GROUPS, POLITICAL_STATUSES
from enrollment.models import Application, Question

from .factories import ApplicationFactory, IntakeFactory
from .test_api_applications import VALID_ID, payload

pytestmark = pytest.mark.django_db
S = Application.Status

# The 56 ethnic groups, written here by hand in the order of the State Ethnic Affairs
# Commission's list (not the code order of GB/T 3304, which the code uses).
FIFTY_SIX = """
汉族 满族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族
傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族
仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 朝鲜族 塔吉克族 怒族 乌孜别克族
俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族
""".split()

# The register import's columns, copied by hand from its template (docs/enrollment-roster.md).
REGISTER_HEADER = [
    "序号",
    "姓名",
    "性别",
    "出生日期",
    "身份证件类型",
    "身份证件号",
    "民族",
    "政治面貌",
    "户籍所在地",
    "毕业学校",
    "文化程度",
    "现工作单位",
    "联系电话",
    "家庭住址",
    "专业名称",
    "入学年份",
    "学习形式",
]


def test_the_ethnic_groups_are_the_56_of_gb_t_3304_with_its_codes():
    assert len(FIFTY_SIX) == 56
    assert sorted(name for _code, name in ETHNIC_GROUPS) == sorted(FIFTY_SIX)
    codes = dict(ETHNIC_GROUPS)
    # A few codes of the standard's table, looked up by hand.
    assert (codes["01"], codes["10"], codes["36"], codes["56"]) == (
        "汉族",
        "朝鲜族",
        "毛南族",
        "基诺族",
    )
    assert [code for code, _name in ETHNIC_GROUPS] == [f"{n:02d}" for n in range(1, 57)]


def test_the_political_statuses_are_the_13_of_gb_t_4762():
    names = dict(POLITICAL_STATUSES)
    assert len(names) == 13
    assert (names["01"], names["03"], names["12"], names["13"]) == (
        "中共党员",
        "共青团员",
        "无党派人士",
        "群众",
    )


def _roster(client, intake):
    response = client.get(reverse("staff_intake_roster", args=[intake.pk]))
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_roster_has_the_registers_columns_in_its_order(client_for, staff):
    intake = IntakeFactory(programme="模具制造技术", year=2026)
    ApplicationFactory(
        intake=intake,
        status=S.ENROLLED,
        full_name="李明",
        id_number=VALID_ID,
        phone="13800138000",
        education="高中",
        ethnicity="08",
        political_status="03",
        household_region="广西壮族自治区南宁市",
        previous_school="南宁市第三中学",
        employer="东莞市端品精密科技有限公司",
        address="东莞市长安镇",
    )
    rows = _roster(client_for(staff), intake)
    assert list(rows[0][: len(REGISTER_HEADER)]) == REGISTER_HEADER
    row = dict(zip(REGISTER_HEADER, rows[1], strict=False))
    assert row["姓名"] == "李明"
    assert row["性别"] == "男"  # the ID's sequence 123 is odd
    assert row["出生日期"] == "1988-05-17"
    assert row["身份证件类型"] == "居民身份证"
    assert row["身份证件号"] == VALID_ID
    assert row["民族"] == "壮族"
    assert row["政治面貌"] == "共青团员"
    assert row["户籍所在地"] == "广西壮族自治区南宁市"
    assert row["毕业学校"] == "南宁市第三中学"
    assert row["现工作单位"] == "东莞市端品精密科技有限公司"
    assert row["联系电话"] == "13800138000"
    assert (row["专业名称"], row["入学年份"], row["学习形式"]) == ("模具制造技术", 2026, "非全日制")


def test_the_roster_adds_the_intakes_questions_after_the_register(client_for, staff):
    intake = IntakeFactory()
    question = Question.objects.create(
        intake=intake,
        kind=Question.Kind.SINGLE_CHOICE,
        label_zh="上课方式",
        choices=[{"key": "1", "zh": "周末面授", "en": ""}, {"key": "2", "zh": "线上", "en": ""}],
    )
    application = ApplicationFactory(intake=intake, status=S.APPROVED)
    application.answers.create(question=question, value="2", keys="|2|")
    rows = _roster(client_for(staff), intake)
    assert rows[0][-1] == "上课方式"
    assert rows[1][-1] == "线上"


def _form(**overrides):
    return {
        "full_name": "李明",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "education": "高中",
        "ethnicity": "01",
        "political_status": "13",
        "household_region": "广东省东莞市长安镇",
        "previous_school": "东莞市长安中学",
        "employer": "",
        "address": "",
        **overrides,
    }


def test_the_form_asks_the_register_fields_and_stores_them(client_for, outsider):
    intake = IntakeFactory()
    response = client_for(outsider).post(reverse("applicant_apply", args=[intake.pk]), _form())
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.get_ethnicity_display(), application.get_political_status_display()) == (
        "汉族",
        "群众",
    )
    assert application.household_region == "广东省东莞市长安镇"


@pytest.mark.parametrize(
    "field, value",
    [
        ("ethnicity", "57"),
        ("ethnicity", ""),
        ("political_status", "14"),
        ("household_region", "长安镇"),
        ("household_region", "Guangdong"),
        ("previous_school", ""),
    ],
)
def test_the_form_refuses_a_bad_register_field_and_keeps_what_was_typed(
    client_for, outsider, field, value
):
    intake = IntakeFactory()
    response = client_for(outsider).post(
        reverse("applicant_apply", args=[intake.pk]),
        _form(**{field: value}, employer="东莞捷荣技术股份有限公司"),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert not Application.objects.exists()
    form = response.context["form"]
    assert list(form.errors) == [field]
    assert all("\u4e00" <= ch <= "\u9fff" for ch in form.errors[field][0][:2])
    assert form["employer"].value() == "东莞捷荣技术股份有限公司"


def test_the_api_takes_the_register_fields(api_client, outsider):
    intake = IntakeFactory()
    api_client.force_authenticate(outsider)
    created = api_client.post(
        "/api/v1/enrollment/applications/",
        payload(intake, ethnicity="04", political_status="01", household_region="西藏自治区拉萨市"),
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["ethnicity"] == "04"
    refused = api_client.post(
        "/api/v1/enrollment/applications/",
        payload(IntakeFactory(), ethnicity="99", household_region="拉萨"),
        format="json",
    )
    assert refused.status_code == 400
    assert set(refused.json()) == {"ethnicity", "household_region"}
