"""The people sheet: template, preview naming every bad row, then every row or none."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from members.models import Member
from people.importing import COLUMNS, template_workbook
from people.models import Person, Role

from .factories import EnterpriseFactory, SchoolFactory

pytestmark = pytest.mark.django_db
HEADERS = [header for _name, header in COLUMNS]


def sheet(rows: list[dict]) -> io.BytesIO:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append([row.get(h, "") for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "people.xlsx"
    return out


@pytest.fixture
def orgs(db):
    return (
        EnterpriseFactory(name="东莞市艾尔玛科技有限公司"),
        SchoolFactory(name="东莞市机电工程学校"),
    )


def upload(client, rows):
    return client.post("/people/import/", {"file": sheet(rows)})


def confirm(client, response):
    return client.post("/people/import/confirm/", {"token": response.context["token"]})


def test_the_templates_example_row_imports(client_for, staff, orgs):
    client = client_for(staff)
    template = io.BytesIO(template_workbook())
    template.name = "template.xlsx"
    response = client.post("/people/import/", {"file": template})
    assert response.context["preview"].ok, response.context["preview"].bad_rows[0].errors
    assert confirm(client, response).status_code == 302
    role = Role.objects.get()
    assert (role.person.full_name, role.kind, role.hours) == ("李工", "part_time_teacher", 64)
    assert role.partner.name == "东莞市机电工程学校" and role.person.is_confirmed


def test_one_bad_row_stores_nothing_and_every_bad_row_is_named(client_for, staff, orgs):
    rows = [
        {"所属单位": "东莞市机电工程学校", "姓名": "张同学", "角色": "实习生",
         "合作单位": "东莞市艾尔玛科技有限公司", "开始日期": "2021-07-01"},
        {"所属单位": "东莞市机电工程学校", "姓名": "王同学", "角色": "实习生",
         "合作单位": "东莞市艾尔玛科技有限公司", "开始日期": "2021-07-01",
         "结束日期": "2021-06-01"},
        {"所属单位": "不存在的单位", "姓名": "赵同学", "角色": "实习生",
         "开始日期": "2021-07-01"},
        {"所属单位": "东莞市机电工程学校", "姓名": "钱老师", "角色": "教师企业实践",
         "合作单位": "东莞市艾尔玛科技有限公司", "开始日期": "2021-07-01",
         "结束日期": "2021-07-10", "天数": "30"},
    ]  # fmt: skip
    response = upload(client_for(staff), rows)
    preview = response.context["preview"]
    assert [row.line for row in preview.bad_rows] == [3, 4, 5]
    assert response.context["token"] == ""
    page = response.content.decode()
    assert 'data-testid="bad-rows"' in page and "钱老师" in page  # each bad row named on the page
    assert not Person.objects.exists() and not Role.objects.exists()


def test_two_roles_of_one_person_make_one_person(client_for, staff, orgs):
    rows = [
        {"所属单位": "东莞市艾尔玛科技有限公司", "姓名": "李工", "角色": "企业工程师兼职任教",
         "合作单位": "东莞市机电工程学校", "年度": 2021, "学期": "春季学期", "课时": 40},
        {"所属单位": "东莞市艾尔玛科技有限公司", "姓名": "李工", "角色": "企业工程师兼职任教",
         "合作单位": "东莞市机电工程学校", "年度": 2021, "学期": "秋季学期", "课时": 64},
    ]  # fmt: skip
    client = client_for(staff)
    confirm(client, upload(client, rows))
    assert Person.objects.count() == 1 and Role.objects.count() == 2


def test_a_representative_imports_only_for_its_organisations(client_for, representative, orgs):
    member = Member.objects.get(representatives__user=representative)
    rows = [
        {"所属单位": member.name, "姓名": "李工", "角色": "企业工程师兼职任教",
         "合作单位": "东莞市机电工程学校", "年度": 2021, "学期": "秋季学期", "课时": 64},
        {"所属单位": "东莞市艾尔玛科技有限公司", "姓名": "别家的人", "角色": "企业工程师兼职任教",
         "合作单位": "东莞市机电工程学校", "年度": 2021, "学期": "秋季学期", "课时": 64},
    ]  # fmt: skip
    response = upload(client_for(representative), rows)
    assert [row.line for row in response.context["preview"].bad_rows] == [3]
    assert not Person.objects.exists()


def test_an_expired_token_says_so(client_for, staff):
    response = client_for(staff).post("/people/import/confirm/", {"token": "0" * 32 + ".xlsx"})
    assert "此次上传已失效，请重新上传文件。" in response.content.decode()
    assert not Person.objects.exists()


def test_the_template_has_the_headers_and_choices(client_for, staff):
    response = client_for(staff).get("/people/import/template.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.worksheets[0][1]] == HEADERS
