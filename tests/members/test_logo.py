import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members.models import Member


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(size=(64, 64)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 93, 122)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def profile(member, **extra) -> dict:
    return {
        "name": member.name,
        "kind": member.kind,
        "credit_code": member.credit_code,
        "offers_internship_places": 0,
        "offers_part_time_teachers": 0,
        "show_in_showcase": "on",
        **extra,
    }


def test_representative_uploads_a_logo_shown_in_the_showcase(
    client_for, representative, member, client
):
    response = client_for(representative).post(
        f"/member/{member.pk}/edit/", profile(member, logo=png())
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.logo
    client.logout()
    assert f"/members/{member.pk}/logo/" in client.get("/members/").content.decode()
    logo = client.get(f"/members/{member.pk}/logo/")
    assert logo.status_code == 200
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_a_file_that_is_not_an_image_is_refused(client_for, representative, member):
    fake = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    response = client_for(representative).post(
        f"/member/{member.pk}/edit/", profile(member, logo=fake)
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
    assert not Member.objects.get(pk=member.pk).logo


def test_hidden_member_logo_is_only_for_its_editors(client_for, representative, member, client):
    client_for(representative).post(
        f"/member/{member.pk}/edit/", profile(member, logo=png(), show_in_showcase="")
    )
    own = client_for(representative).get(f"/members/{member.pk}/logo/")
    assert own.status_code == 200
    assert b"".join(own.streaming_content)  # consuming the stream closes the file
    client.logout()
    assert client.get(f"/members/{member.pk}/logo/").status_code == 404


def test_a_gif_logo_is_refused_as_its_help_text_says(client_for, representative, member):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "GIF")
    gif = SimpleUploadedFile("logo.gif", buffer.getvalue(), content_type="image/gif")
    response = client_for(representative).post(
        f"/member/{member.pk}/edit/", profile(member, logo=gif)
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors  # "PNG or JPEG, at most 1 MB."
    assert not Member.objects.get(pk=member.pk).logo
