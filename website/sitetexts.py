"""The site's edited texts and the group's profile, read once per cache period: every page
shows the name and the footer, so they must cost no query on most requests."""

from django.core.cache import cache
from django.utils import translation

from .models import SiteProfile, SiteText

CACHE_KEY = "website:site-texts"
CACHE_SECONDS = 300


def _load() -> dict:
    data = cache.get(CACHE_KEY)
    if data is None:
        data = {
            "profile": SiteProfile.objects.first(),
            "texts": {text.key: text for text in SiteText.objects.all()},
        }
        cache.set(CACHE_KEY, data, CACHE_SECONDS)
    return data


def forget() -> None:
    """After an edit: the next page reads the texts again."""
    cache.delete(CACHE_KEY)


def profile() -> dict | None:
    """The profile in the current language, or None while nobody has saved one."""
    saved = _load()["profile"]
    return saved.localized(translation.get_language() or "zh-hans") if saved else None


def text(key: str) -> str:
    """A text's sanitised HTML in the current language (Chinese when no English is saved);
    empty while nobody has written it (the page then shows its built-in wording)."""
    saved = _load()["texts"].get(key)
    return saved.body(translation.get_language() or "zh-hans") if saved else ""


def group_name() -> str | None:
    saved = profile()
    return saved["name"] if saved else None
