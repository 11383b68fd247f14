"""Every page of the demo group, as staff, a representative, an applicant and a visitor see it in
Chinese: no "None", no untranslated English word, no raw key such as `document:id_front`.

The pages come from the access matrix (so from the URL resolver); the objects they show are the
demo group's where the demo has one, else the matrix's own.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import reverse

from datacalls.models import DataCall, MemberReturn, ProjectFigure
from enrollment.models import Application, Document, DocumentKind, Intake
from enrollment.services import personal_data_access_record
from members.models import Member
from partnerships.demo import AIERMA
from partnerships.models import (
    InternshipOffer,
    Participant,
    PlanTask,
    Project,
    SharedResource,
    WorkPlan,
)
from reports.models import YearSnapshot
from tests.factories import RepresentativeFactory
from tests.test_access_matrix import ACCESS, world  # noqa: F401 - the fixture

# every page of the demo group: run once, in the PostgreSQL + Redis run of .ci/run
pytestmark = pytest.mark.slow

# English a Chinese page may show: names of formats, units and of the portal's own API.
ALLOWED_ENGLISH = {
    "API", "PDF", "XLSX", "DOCX", "CSV", "JPEG", "JPG", "PNG", "Excel", "Word", "ID", "REST",
    "OpenAPI", "Token", "Authorization", "JSON", "HTTP", "HTTPS", "URL", "www", "com", "cn",
    "edu", "org", "example", "mooc", "local", "vetgroup", "secretariat", "Django", "KB", "MB",
    "HTML", "PowerPoint",
    "English",  # the language switcher names English in English
}  # fmt: skip
ENGLISH_WORD = re.compile(r"(?<![\w@./:-])[A-Za-z]{3,}(?![\w@/:-])")
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z_]+:[a-z_]+\b")
NONE = re.compile(r"\bNone\b")
# ASCII punctuation in Chinese text: "身份证人像面, 身份证国徽面", "截止时间 2027-01-29 17:00."
CJK = "\u4e00-\u9fff"
ASCII_PUNCTUATION = re.compile(
    rf"[{CJK}][,;:!?](?=\s|$)|[{CJK}], ?(?=[{CJK}])|\d\d:\d\d\.(?=\s|$)|[{CJK}]\.(?=\s|$)"
)
SKIP_TAGS = {"script", "style", "template", "code", "pre", "textarea"}
SHOWN_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}


class VisibleText(HTMLParser):
    """The text a reader sees: element text, option labels, button values, placeholders."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIP_TAGS:
            self.skipping += 1
        for name in SHOWN_ATTRIBUTES & set(attrs):
            self.parts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.parts.append(attrs.get("value") or "")
        if tag == "input" and attrs.get("type") not in ("hidden", "submit", "button"):
            if attrs.get("value") == "None":
                self.parts.append("None")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def slips(text: str) -> set[str]:
    text = re.sub(r"<\w+>", " ", text)  # a tag named in a help text, such as <strong>
    text = re.sub(r"\S+@\S+|https?://\S+|\S+\.(?:pdf|png|jpg|xlsx|docx|csv|txt)\b", " ", text)
    found = set(NONE.findall(text))
    found |= {w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED_ENGLISH | {"None"}}
    found |= {f"ASCII punctuation {p!r}" for p in ASCII_PUNCTUATION.findall(text)}
    return found | set(RAW_KEY.findall(text))


GET_FORM = re.compile(r'<form[^>]*method="get".*?</form>', re.S | re.I)


def slips_of_page(html: str) -> set[str]:
    """The slips of the visible text, and a filter's empty choice left as "---------"."""
    found = slips(visible_text(html))
    if any("---------" in form for form in GET_FORM.findall(html)):
        found.add("--------- in a filter")
    return found


def test_the_sweep_finds_each_kind_of_slip():
    page = (
        "<p>None 于 2022-01-28 结束</p><label>Member</label><li>document:id_front</li>"
        "<select><option>order_class</option></select><script>var x = None;</script>"
    )
    assert slips(visible_text(page)) == {"None", "Member", "order_class", "document:id_front"}
    assert slips(visible_text("<p>导出 XLSX，见 https://example.org/api/ 或 a@b.cn</p>")) == set()
    assert slips("身份证人像面, 身份证国徽面") == {"ASCII punctuation '面,'"}
    assert slips("截止时间 2027-01-29 17:00.") == {"ASCII punctuation '17:00.'"}
    assert slips_of_page('<form method="get"><option value="">---------</option></form>')


@pytest.fixture
def demo(world, client, settings):  # noqa: F811
    """The matrix's world with the demo group's objects in its place where the demo has them."""
    call_command("load_demo", "--no-login")
    # the secretary-general sees every staff page (a plain staff user only the dashboard)
    staff = world["users"]["secretary_general"]
    member = Member.objects.get(name=AIERMA)
    rep = RepresentativeFactory(member=member).user
    application = Application.objects.filter(
        intake__year=2021, status=Application.Status.RETURNED
    ).first()
    document = Document.objects.create(
        application=application,
        kind=DocumentKind.ID_FRONT,
        file=world["document"].file.name,
        original_name="身份证.pdf",
        content_type="application/pdf",
        size=15,
    )
    personal_data_access_record(
        user=staff, application=application, what=f"document:{document.kind}"
    )
    personal_data_access_record(user=staff, application=application, what="id_number_and_phone")
    call = DataCall.objects.get(year=2021)
    intake = Intake.objects.order_by("-year").first()
    objects = {
        **world,
        "member": member,
        "project": Participant.objects.filter(member=member).first().project,
        "plan": WorkPlan.objects.first(),
        "task": PlanTask.objects.first(),
        "offer": InternshipOffer.objects.filter(member=member).first() or world["offer"],
        "resource": SharedResource.objects.filter(member=member).first() or world["resource"],
        "intake": intake,
        "question": intake.questions.first() or world["question"],
        "application": application,
        "document": document,
        "snapshot": YearSnapshot.objects.order_by("-year").first(),
        "data_call": call,
        "member_return": MemberReturn.objects.get(call=call, member=member),
        "figure": ProjectFigure.objects.filter(call=call).first(),
    }
    objects["users"] = {
        "staff": staff,
        "representative": rep,
        "applicant": application.applicant,
        "world_applicant": world["users"]["applicant"],  # owns the delivery and the matrix's
        "anonymous": None,
    }
    assert Project.objects.count() > 1
    return objects


def _close(response) -> None:
    """A file response holds its file open until closed; closing must not end the test's
    database connection (see the access matrix)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def _pages(objects) -> list[tuple[str, str]]:
    pages = []
    for name, rule in sorted(ACCESS.items()):
        if rule.method != "get":
            continue
        url = reverse(name, kwargs=rule.kwargs(objects))
        if not url.startswith("/api/"):
            pages.append((name, url))
    return pages


def test_no_page_of_the_demo_shows_none_english_or_raw_keys(demo, client):
    found = {}
    for name, url in _pages(demo):
        for who, user in demo["users"].items():
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            html = response.status_code == 200 and "text/html" in response["Content-Type"]
            seen = slips_of_page(response.content.decode()) if html else set()
            _close(response)
            if seen:
                found[f"{name} as {who}"] = sorted(set(seen))
    assert not found, "\n".join(f"{page}: {words}" for page, words in sorted(found.items()))
