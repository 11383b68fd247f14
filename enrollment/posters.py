"""Scan to apply: a QR code (PNG) and a printable A4 poster (PDF, Chinese) per intake, whose code
opens the intake's page on a phone."""

import io

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Intake


def intake_url(intake: Intake) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("intake_detail", args=[intake.pk])


def qr_png(intake: Intake, *, scale: int = 12) -> bytes:
    buffer = io.BytesIO()
    segno.make(intake_url(intake), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def poster_pdf(intake: Intake) -> bytes:
    from weasyprint import HTML  # loading pango takes a moment

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "enrollment/poster.html",
            {
                "intake": intake,
                "url": intake_url(intake),
                "qr": segno.make(intake_url(intake), error="m").svg_data_uri(scale=10, border=2),
                "GROUP_NAME": settings.GROUP_NAME,
            },
        )
    return HTML(string=html).write_pdf()


def poster_filename(intake: Intake, ext: str) -> str:
    return f"intake-{intake.pk}-poster.{ext}"
