"""Figures read from whole tables (the dashboard's), cached until the data changes.

Every save or delete of a row of the apps in WATCHED starts a new generation, and cached
values carry the generation in their key, so a change shows on the next request. The
generation changes when the change happens and again once it is committed (a request
computing meanwhile would otherwise cache the old figures under the new generation). Writes
that send no signal (bulk_create, QuerySet.update) call data_changed() themselves; TIMEOUT
bounds what any other such write leaves stale. With processes that do not share the cache
(the default local-memory cache under several gunicorn workers) a change shows at once in
the process that made it and within TIMEOUT in the others: set CACHE_URL to Redis in
production.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

WATCHED = {"members", "partnerships", "enrollment", "people", "honours", "datacalls", "reports"}
GENERATION_KEY = "data-generation"
TIMEOUT = 300  # seconds


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def _new_generation() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def data_changed() -> None:
    _new_generation()
    transaction.on_commit(_new_generation)


def cached(name: str, compute, *parts):
    """compute() for this generation of the data, from the cache when it is there."""
    key = ":".join(["figures", name, str(generation()), *map(str, parts)])
    return cache.get_or_set(key, compute, TIMEOUT)


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label in WATCHED:
        data_changed()


def watch_data_changes() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"datacache-{id(signal)}")
