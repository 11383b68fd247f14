"""Admission letters (录取通知书): one A4 page per enrolled applicant, in Chinese, with a QR code
that opens the letter's public verification page."""

from django.urls import reverse

from core.pdfs import absolute_url, qr_svg_data_uri, render_pdf

from .models import AdmissionLetter, Intake


def verify_url(letter: AdmissionLetter) -> str:
    return absolute_url(reverse("letter_verify", args=[letter.token]))


def _page(letter: AdmissionLetter) -> dict:
    url = verify_url(letter)
    return {
        "letter": letter,
        "application": letter.application,
        "url": url,
        "qr": qr_svg_data_uri(url, scale=6),
    }


def letters_pdf(letters: list[AdmissionLetter]) -> bytes:
    return render_pdf("enrollment/letter.html", {"pages": [_page(letter) for letter in letters]})


def letter_pdf(letter: AdmissionLetter) -> bytes:
    return letters_pdf([letter])


def intake_letters(intake: Intake):
    """The valid letters of an intake, in number order (the bulk print)."""
    return (
        AdmissionLetter.objects.filter(application__intake=intake, revoked_at__isnull=True)
        .select_related("application__intake__school")
        .order_by("number")
    )


def letter_filename(letter: AdmissionLetter) -> str:
    return f"admission-letter-{letter.number}.pdf"
