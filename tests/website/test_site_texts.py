from datetime import date

import pytest
from django.utils import translation

from tests.factories import StaffFactory, UserFactory
from website.models import SiteProfile, SiteText

pytestmark = pytest.mark.django_db

EVIL = (
    '<p onclick="steal()">集团成立于 2013 年 10 月<script>alert("x")</script></p>'
    '<img src="javascript:alert(1)"><a href="javascript:alert(2)">链接</a>'
    '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>'
)


def test_an_edited_text_is_sanitised_and_shown_instead_of_the_built_in_one(client):
    client.force_login(StaffFactory())
    response = client.post("/staff/site/texts/home_intro/", {"body_zh": EVIL, "body_en": ""})
    assert response.status_code == 302
    saved = SiteText.objects.get(key="home_intro").body_zh
    for bad in ("<script", "onclick", "javascript:", "<style", "<iframe"):
        assert bad not in saved
    page = client.get("/").content.decode()
    assert "集团成立于 2013 年 10 月" in page
    assert "alert(" not in page and "steal()" not in page


def test_any_saving_path_sanitises_the_text():
    text = SiteText.objects.create(key="footer", body_zh=EVIL, body_en='<b onmouseover="x()">a</b>')
    text.refresh_from_db()
    assert "<script" not in text.body_zh and "onmouseover" not in text.body_en


def test_an_empty_chinese_text_is_refused_and_what_was_typed_stays(client):
    client.force_login(StaffFactory())
    response = client.post(
        "/staff/site/texts/about/", {"body_zh": "<script>x</script>", "body_en": "<p>About us</p>"}
    )
    assert response.status_code == 200
    assert "请填写中文内容" in response.content.decode()
    assert "About us" in response.content.decode()
    assert not SiteText.objects.exists()


def test_the_english_text_shows_in_english_and_chinese_when_none(client):
    SiteText.objects.create(
        key="about",
        body_zh="<p>关于集团的中文介绍</p>",
        body_en="<p>About the group in English</p>",
    )
    SiteText.objects.create(key="contact", body_zh="<p>秘书处设在东莞市机电工程学校</p>")
    client.cookies["django_language"] = "en"
    assert "About the group in English" in client.get("/about/").content.decode()
    assert "秘书处设在东莞市机电工程学校" in client.get("/contact/").content.decode()
    client.cookies["django_language"] = "zh-hans"
    assert "关于集团的中文介绍" in client.get("/about/").content.decode()


def test_the_profile_name_replaces_the_setting_on_every_page(client, settings):
    settings.GROUP_NAME = "设置中的集团名称"
    assert "设置中的集团名称" in client.get("/").content.decode()
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        "/staff/site/profile/",
        {
            "name_zh": "东莞市模具（国际）职业教育集团",
            "name_en": "Dongguan Mould Group",
            "founded_on": "2013-10-18",
            "guiding_body_zh": "东莞市教育局",
            "lead_school_zh": "东莞市机电工程学校",
            "accreditation_zh": "广东省示范职教集团\n全国示范性职业教育集团（联盟）培育单位",
        },
    )
    assert response.status_code == 302
    assert SiteProfile.objects.get().founded_on == date(2013, 10, 18)
    client.logout()
    for path in ("/", "/about/", "/council/", "/library/"):
        page = client.get(path).content.decode()
        assert "东莞市模具（国际）职业教育集团" in page and "设置中的集团名称" not in page
    about = client.get("/about/").content.decode()
    assert "全国示范性职业教育集团（联盟）培育单位" in about and "东莞市教育局" in about
    client.cookies["django_language"] = "en"
    assert "Dongguan Mould Group" in client.get("/").content.decode()


def test_printed_documents_carry_the_profile_name():
    from core.branding import group_name

    SiteProfile.objects.create(name_zh="某职教集团")
    from website import sitetexts

    sitetexts.forget()
    with translation.override("zh-hans"):
        assert group_name() == "某职教集团"


def test_only_governance_changers_edit_the_texts(client):
    for user, expected in (
        (UserFactory(), 403),
        (StaffFactory(roles=["auditor"]), 403),  # reads the texts page, changes nothing
        (StaffFactory(roles=["member_affairs"]), 403),
    ):
        client.force_login(user)
        assert (
            client.post("/staff/site/texts/footer/", {"body_zh": "<p>改</p>"}).status_code
            == expected
        )
    assert not SiteText.objects.exists()
    client.force_login(StaffFactory(roles=["auditor"]))
    assert client.get("/staff/site/").status_code == 200


def test_an_unknown_text_key_is_404(client):
    client.force_login(StaffFactory())
    assert client.get("/staff/site/texts/sidebar/").status_code == 404
