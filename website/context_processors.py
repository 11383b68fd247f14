from django.utils.functional import SimpleLazyObject

from . import sitetexts


def site(request) -> dict:
    """The group's profile and the footer text, for every page."""
    return {
        "SITE_PROFILE": SimpleLazyObject(lambda: sitetexts.profile() or {}),
        "SITE_FOOTER": SimpleLazyObject(lambda: sitetexts.text("footer")),
    }
