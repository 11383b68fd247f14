"""Scan to apply: a QR code (PNG) and a printable A4 poster (PDF, Chinese) per intake, whose code
opens the intake's page on a phone."""

from django.urls import reverse

from core.pdfs import absolute_url, qr_svg_data_uri, render_pdf
from core.pdfs import qr_png as url_qr_png

from .models import Intake


def intake_url(intake: Intake) -> str:
    return absolute_url(reverse("intake_detail", args=[intake.pk]))


def qr_png(intake: Intake, *, scale: int = 12) -> bytes:
    return url_qr_png(intake_url(intake), scale=scale)


def poster_pdf(intake: Intake) -> bytes:
    url = intake_url(intake)
    return render_pdf(
        "enrollment/poster.html", {"intake": intake, "url": url, "qr": qr_svg_data_uri(url)}
    )


def poster_filename(intake: Intake, ext: str) -> str:
    return f"intake-{intake.pk}-poster.{ext}"
