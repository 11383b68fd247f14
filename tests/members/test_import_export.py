import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from members.demo import demo_credit_code
from members.importing import COLUMNS
from members.models import Member
from tests.factories import MemberFactory

HEADERS = [header for _field, header in COLUMNS]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def code(n: int) -> str:
    return demo_credit_code("enterprise", 60_000_000 + n)


def xlsx(rows: list[list]) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(HEADERS[:9])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("members.xlsx", buffer.getvalue())


def csv_file(text: str, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    return SimpleUploadedFile("members.csv", text.encode(encoding))


GOOD = [
    [
        "东莞市宇瞳光学科技股份有限公司",
        "企业",
        code(1),
        "东莞市长安镇",
        "光学镜头",
        "正常",
        "成员单位",
        "2021-09-15",
        "",
    ],
    [
        "东莞市长安职业技术学校",
        "职业院校",
        code(2),
        "东莞市长安镇",
        "职业教育",
        "",
        "",
        "2013年10月18日",
        "",
    ],
]


def test_preview_lists_every_bad_row_with_its_reason_and_stores_nothing(client_for, staff):
    MemberFactory(name="已有单位", credit_code=code(9))
    rows = [
        *GOOD,
        ["面包店", "面包坊", code(3), "", "", "", "", "", ""],  # unknown kind
        ["坏代码公司", "企业", "91441900MA4UXXXXX1", "", "", "", "", "", ""],  # check character
        ["重复代码公司", "企业", code(1), "", "", "", "", "", ""],  # code twice in the sheet
        ["已有单位", "企业", "", "", "", "", "", "", ""],  # name in the registry
        ["坏日期公司", "企业", "", "", "", "", "", "2021-13-45", ""],  # bad date
        ["东莞市宇瞳光学科技股份有限公司", "企业", "", "", "", "", "", "", ""],  # name twice
        ["早退公司", "企业", "", "", "", "", "", "2021-01-01", "2020-01-01"],  # left before joined
    ]
    response = client_for(staff).post("/staff/members/import/", {"file": xlsx(rows)})
    assert response.status_code == 200
    preview = response.context["preview"]
    bad = {row.line: " ".join(row.errors) for row in preview.bad_rows}
    assert sorted(bad) == [4, 5, 6, 7, 8, 9, 10]
    assert "面包坊" in bad[4]
    assert "校验" in bad[5] or "check" in bad[5]
    assert "2" in bad[6]  # the line it first appears in
    assert "已有单位" in bad[7]
    assert "2021-13-45" in bad[8]
    assert "第 2 行" in bad[9] or "line 2" in bad[9]
    assert bad[10]
    assert not response.context["token"]
    html = response.content.decode()
    assert "面包坊" in html and "2021-13-45" in html
    assert Member.objects.count() == 1


def test_clean_sheet_is_previewed_then_imported_whole(client_for, staff):
    client = client_for(staff)
    response = client.post("/staff/members/import/", {"file": xlsx(GOOD)})
    token = response.context["token"]
    assert token and Member.objects.count() == 0
    response = client.post("/staff/members/import/confirm/", {"token": token})
    assert response.status_code == 302
    school = Member.objects.get(name="东莞市长安职业技术学校")
    assert school.kind == "vocational_school"
    assert str(school.joined_on) == "2013-10-18"
    assert school.status == "active"
    assert school.history.get().history_user == staff


def test_confirm_checks_again_and_imports_nothing_if_something_changed(client_for, staff):
    client = client_for(staff)
    token = client.post("/staff/members/import/", {"file": xlsx(GOOD)}).context["token"]
    MemberFactory(name="东莞市长安职业技术学校")
    response = client.post("/staff/members/import/confirm/", {"token": token})
    assert response.status_code == 200
    assert response.context["preview"].bad_rows
    assert "东莞市长安职业技术学校" in response.content.decode()  # the bad row named on the page
    assert not Member.objects.filter(name="东莞市宇瞳光学科技股份有限公司").exists()


def test_csv_in_gbk_is_read(client_for, staff):
    text = ",".join(HEADERS[:9]) + "\n" + ",".join(GOOD[0]) + "\n"
    response = client_for(staff).post("/staff/members/import/", {"file": csv_file(text, "gbk")})
    assert response.context["preview"].ok


def test_a_file_that_is_not_a_sheet_is_refused_with_a_message(client_for, staff):
    upload = SimpleUploadedFile("members.xlsx", b"not a workbook")
    response = client_for(staff).post("/staff/members/import/", {"file": upload})
    assert response.context["error"]
    response = client_for(staff).post("/staff/members/import/", {"file": csv_file("甲,乙\n1,2\n")})
    assert "单位名称" in response.context["error"]


def test_confirm_with_a_forged_token_does_nothing(client_for, staff):
    response = client_for(staff).post(
        "/staff/members/import/confirm/", {"token": "../../etc/passwd"}
    )
    assert response.status_code == 200
    assert response.context["error"]


def test_template_imports_as_is(client_for, staff):
    client = client_for(staff)
    response = client.get("/staff/members/import/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    upload = SimpleUploadedFile("template.xlsx", response.content)
    assert client.post("/staff/members/import/", {"file": upload}).context["preview"].ok


def test_export_of_the_filtered_list_reads_back(client_for, staff):
    MemberFactory(name="东莞市端品精密科技有限公司", kind="enterprise")
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school", group_role="lead")
    client = client_for(staff)
    response = client.get("/staff/members/export.xlsx", {"kind": "vocational_school"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADERS)
    assert [r[0] for r in rows[1:]] == ["东莞市机电工程学校"]
    assert rows[1][1] == "职业院校" and rows[1][6] == "牵头单位"
    Member.objects.all().delete()
    upload = SimpleUploadedFile("export.xlsx", response.content)
    assert client.post("/staff/members/import/", {"file": upload}).context["preview"].ok


@pytest.mark.parametrize("who", ["representative", "outsider"])
@pytest.mark.parametrize(
    "path",
    ["import/", "import/template.xlsx", "export.xlsx"],
)
def test_import_and_export_are_for_staff(client_for, request, who, path):
    assert client_for(request.getfixturevalue(who)).get(f"/staff/members/{path}").status_code == 403


BIG = 1_201  # more than two batches of 500


def many_rows(count: int) -> list[list]:
    return [
        [f"东莞市批量导入测试企业{n:04d}有限公司", "企业", code(100 + n), "", "", "", "", "", ""]
        for n in range(count)
    ]


def test_a_sheet_larger_than_one_batch_is_imported_whole_with_history(client_for, staff):
    client = client_for(staff)
    token = client.post("/staff/members/import/", {"file": xlsx(many_rows(BIG))}).context["token"]
    response = client.post("/staff/members/import/confirm/", {"token": token})
    assert response.status_code == 302
    assert Member.objects.count() == BIG
    assert Member.history.filter(history_type="+").count() == BIG
    assert Member.objects.filter(name="东莞市批量导入测试企业1200有限公司").exists()


def test_a_name_taken_meanwhile_in_a_later_batch_imports_nothing_and_says_so(
    client_for, staff, monkeypatch
):
    client = client_for(staff)
    rows = many_rows(BIG)
    token = client.post("/staff/members/import/", {"file": xlsx(rows)}).context["token"]
    # Another staff member adds row 1,100's member after the confirm step checked again:
    # the check finds nothing, the database's unique index refuses the third batch.
    monkeypatch.setattr("members.importing._existing", lambda field_name, values: [])
    MemberFactory(name=rows[1_100][0])
    response = client.post("/staff/members/import/confirm/", {"token": token})
    assert response.status_code == 200
    assert "期间有名称或信用代码已被占用" in response.content.decode()
    assert Member.objects.count() == 1  # only the one added meanwhile: no batch was kept
    assert Member.history.count() == 1


# --- A secretariat's own list -------------------------------------------------------------

SECRETARIAT_HEADERS = ["序号", "单位名称", "单位类型", "所在地区", "所属行业", "联系人", "职务"]
SECRETARIAT_HEADERS += ["联系电话", "电子邮箱", "备注"]


def secretariat_list() -> SimpleUploadedFile:
    """Shaped like the lists secretariats keep: title, date, 序号, 合计 and a signature line."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["东莞市模具（国际）职业教育集团成员单位名单"])
    sheet.merge_cells("A1:J1")
    sheet.append(["填表日期：2024年3月1日"])
    sheet.append([])
    sheet.append(SECRETARIAT_HEADERS)
    sheet.append(
        [1, "东莞市塘厦模具有限公司", "企业", "东莞市　塘厦镇", "模具制造", "张　伟", "总经理"]
        + ["13800138000", "zhangwei@example.com", "理事单位"]
    )
    sheet.append(
        [2, "东莞市塘厦职业技术学校", "职业院校", "东莞市 塘厦镇", "职业教育", "李娜", ""]
        + ["0769-87720000", "", ""]
    )
    sheet.append([3, "东莞市精密五金协会", "行业协会", "东莞市长安镇", "五金", "", "", "", "", ""])
    sheet.append(["合计", "3家", "", "", "", "", "", "", "", ""])
    sheet.append(["填表人：王芳"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("成员单位名单.xlsx", buffer.getvalue())


def test_a_secretariats_own_list_is_read_and_the_skipped_lines_named(client_for, staff):
    client = client_for(staff)
    response = client.post("/staff/members/import/", {"file": secretariat_list()})
    preview = response.context["preview"]
    assert preview.ok, [row.errors for row in preview.rows]
    assert [row.line for row in preview.rows] == [5, 6, 7]
    sheet = preview.sheet
    assert (sheet.header_line, sheet.title_lines, sheet.total_lines) == (4, [1, 2], [8])
    assert sheet.note_lines == [9]
    assert sheet.ignored_headers == ["备注"]
    skipped = response.content.decode()
    assert 'data-testid="import-skipped"' in skipped and "备注" in skipped

    client.post("/staff/members/import/confirm/", {"token": response.context["token"]})
    assert Member.objects.count() == 3
    # one region, however the spaces were typed
    assert set(Member.objects.filter(name__contains="塘厦").values_list("region", flat=True)) == {
        "东莞市塘厦镇"
    }
    company = Member.objects.get(name="东莞市塘厦模具有限公司")
    contact = company.contacts.get()
    assert (contact.name, contact.title, contact.phone, contact.email, contact.is_primary) == (
        "张伟",
        "总经理",
        "13800138000",
        "zhangwei@example.com",
        True,
    )
    assert Member.objects.get(name="东莞市精密五金协会").contacts.count() == 0


def test_the_export_with_contacts_imports_back_whole(client_for, staff):
    client = client_for(staff)
    token = client.post("/staff/members/import/", {"file": secretariat_list()}).context["token"]
    client.post("/staff/members/import/confirm/", {"token": token})
    exported = client.get("/staff/members/export.xlsx").content
    before = sorted(Member.objects.values_list("name", "kind", "region", "contacts__phone"))
    Member.objects.all().delete()
    upload = SimpleUploadedFile("export.xlsx", exported)
    token = client.post("/staff/members/import/", {"file": upload}).context["token"]
    client.post("/staff/members/import/confirm/", {"token": token})
    after = sorted(Member.objects.values_list("name", "kind", "region", "contacts__phone"))
    assert after == before
    assert before[1][3] == "0769-87720000"


def test_contact_details_without_a_contact_name_are_refused(client_for, staff):
    text = "单位名称,单位类型,联系电话\n东莞市无名联系人公司,企业,13800138000\n"
    preview = (
        client_for(staff)
        .post("/staff/members/import/", {"file": csv_file(text)})
        .context["preview"]
    )
    assert not preview.ok
    assert "联系人" in " ".join(preview.rows[0].errors)


def test_a_csv_with_a_number_column_and_a_total_line(client_for, staff):
    text = "序号,单位名称,单位类型\n1,东莞市甲公司,企业\n2,东莞市乙公司,企业\n合计,2,\n"
    preview = (
        client_for(staff)
        .post("/staff/members/import/", {"file": csv_file(text)})
        .context["preview"]
    )
    assert preview.ok
    assert [row.values["name"] for row in preview.rows] == ["东莞市甲公司", "东莞市乙公司"]
    assert preview.sheet.total_lines == [4]


def test_no_header_among_the_first_lines_is_refused_with_a_message(client_for, staff):
    text = "\n".join(["说明"] * 12) + "\n单位名称,单位类型\n东莞市甲公司,企业\n"
    response = client_for(staff).post("/staff/members/import/", {"file": csv_file(text)})
    assert "单位名称" in response.context["error"]
    assert Member.objects.count() == 0


# --- Size limits --------------------------------------------------------------------------


def with_dimension(content: bytes, ref: str) -> bytes:
    """The workbook with its first sheet's declared size (<dimension ref=...>) replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
            target.writestr(info, data)
    return out.getvalue()


def test_a_small_file_declaring_a_huge_sheet_is_refused_unread(client_for, staff):
    content = with_dimension(xlsx(GOOD).read(), "A1:XFD2000")
    assert len(content) < 10_000
    upload = SimpleUploadedFile("members.xlsx", content)
    response = client_for(staff).post("/staff/members/import/", {"file": upload})
    error = response.context["error"]
    assert "XFD2000" in error and "16384" in error
    assert "新的工作簿" in error  # what to do about it, in Chinese
    assert Member.objects.count() == 0


def test_reading_stops_at_the_column_limit(client_for, staff, monkeypatch):
    from members import importing

    read = []
    real = importing._bounded

    def spy(rows):
        for line, cells in real(rows):
            read.append(len(cells))
            yield line, cells

    monkeypatch.setattr(importing, "_bounded", spy)
    content = with_dimension(xlsx(GOOD).read(), "A1:ALL3")  # 1000 columns: not absurd
    upload = SimpleUploadedFile("members.xlsx", content)
    assert client_for(staff).post("/staff/members/import/", {"file": upload}).context["preview"].ok
    assert read and max(read) <= importing.MAX_COLUMNS


def test_reading_stops_at_the_row_limit(client_for, staff, monkeypatch):
    from members import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 1)
    response = client_for(staff).post("/staff/members/import/", {"file": xlsx(GOOD)})
    assert "1" in response.context["error"]
    assert Member.objects.count() == 0


def test_a_workbook_unpacking_to_too_much_is_refused(client_for, staff, monkeypatch):
    from members import importing

    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1000)
    response = client_for(staff).post("/staff/members/import/", {"file": xlsx(GOOD)})
    assert "MB" in response.context["error"]


def test_a_workbook_declaring_less_than_it_holds_is_read_whole(client_for, staff):
    upload = SimpleUploadedFile("members.xlsx", with_dimension(xlsx(GOOD).read(), "A1"))
    preview = client_for(staff).post("/staff/members/import/", {"file": upload}).context["preview"]
    assert preview.ok
    assert preview.rows[1].values["joined_on"].isoformat() == "2013-10-18"


def test_full_width_spaces_in_a_region_are_normalised_by_form_and_api_too(
    client_for, staff, member
):
    client = client_for(staff)
    response = client.patch(
        f"/api/v1/members/{member.pk}/",
        {"region": "东莞市　塘厦镇", "industry": " 模具\u3000制造 "},
        content_type="application/json",
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.region, member.industry) == ("东莞市塘厦镇", "模具制造")


def test_of_two_columns_for_the_phone_the_filled_one_is_taken(client_for, staff):
    text = "单位名称,单位类型,联系人,手机,联系电话\n东莞市甲公司,企业,张三,13800138000,\n"
    preview = (
        client_for(staff)
        .post("/staff/members/import/", {"file": csv_file(text)})
        .context["preview"]
    )
    assert preview.rows[0].values["contact_phone"] == "13800138000"
