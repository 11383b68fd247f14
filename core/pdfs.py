"""Printable Chinese documents: HTML templates rendered to PDF, and QR codes that open a page."""

import io

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.branding import group_name


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def qr_svg_data_uri(url: str, *, scale: int = 10) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)


def qr_png(url: str, *, scale: int = 12) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    return HTML(string=html).write_pdf()


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    """Render in the portal's default language (Chinese) unless told otherwise: printed
    documents do not follow the browser of whoever clicked."""
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template_name, {"GROUP_NAME": group_name(), **context})
    return html_to_pdf(html)
