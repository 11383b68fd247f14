"""Scan to apply: staff download a QR code (PNG) and an A4 Chinese poster (PDF) per open intake,
whose code opens the intake's page."""

import io
import re
import subprocess

import pytest
import segno
from django.urls import reverse
from PIL import Image

from tests.enrollment.factories import IntakeFactory

pytestmark = pytest.mark.django_db


def _modules(png: bytes, scale=12, border=4) -> list[list[bool]]:
    """Read the QR modules back from the pixels (dark centre = set)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def test_staff_download_a_qr_code_that_opens_the_intake(client_for, staff, settings):
    settings.SITE_URL = "https://portal.example.org"
    intake = IntakeFactory()
    response = client_for(staff).get(reverse("staff_intake_qr", args=[intake.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    expected_url = f"https://portal.example.org/intakes/{intake.pk}/"
    expected = [[bool(v) for v in row] for row in segno.make(expected_url, error="m").matrix]
    assert _modules(response.content) == expected


def test_staff_download_an_a4_chinese_poster(client_for, staff, settings, tmp_path):
    settings.SITE_URL = "https://portal.example.org"
    long_text = "面向在职人员的非全日制中职学历教育（模具制造技术专业），课程安排在晚上和周末。" * 4
    intake = IntakeFactory(programme="模具设计与制造", description=long_text)
    response = client_for(staff).get(reverse("staff_intake_poster", args=[intake.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    assert re.search(r"^Pages:\s+1$", info, re.M)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "模具设计与制造" in text and "扫码" in text
    assert f"https://portal.example.org/intakes/{intake.pk}/" in text


def test_the_intake_page_lists_the_downloads_for_open_intakes(client_for, staff):
    intake = IntakeFactory()
    html = client_for(staff).get(reverse("staff_enrollment")).content.decode()
    assert reverse("staff_intake_poster", args=[intake.pk]) in html
    assert reverse("staff_intake_qr", args=[intake.pk]) in html


def test_a_visitor_from_the_poster_is_sent_to_sign_up_by_phone(client):
    intake = IntakeFactory()
    html = client.get(reverse("intake_detail", args=[intake.pk])).content.decode()
    assert f"/accounts/signup/?next=/applicant/apply/{intake.pk}/" in html.replace("%2F", "/")
