"""The group's name as pages and PDFs show it: the GROUP_NAME setting, unless an app (the
website's group profile) registers where an edited name is kept."""

from collections.abc import Callable

from django.conf import settings

_providers: list[Callable[[], str | None]] = []


def register_group_name(provider: Callable[[], str | None]) -> None:
    """Called from an AppConfig.ready(): the provider returns the edited name, or None."""
    if provider not in _providers:
        _providers.append(provider)


def group_name() -> str:
    for provider in _providers:
        name = provider()
        if name:
            return name
    return settings.GROUP_NAME
