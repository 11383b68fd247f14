"""Figures read from whole tables (the dashboard's), cached until the data changes.

Every save or delete of a row of the apps in WATCHED starts a new generation (the time of
the change), and cached values carry the generation in their key, so a change shows on the
next request. The change is signalled before its transaction commits: a request computing
meanwhile still sees the old rows, so for SETTLE seconds after a change figures are computed
but not stored (no on_commit hook: it would add callbacks to every transaction). Writes
that send no signal (bulk_create, QuerySet.update) call data_changed() themselves; TIMEOUT
bounds what any other such write leaves stale. With processes that do not share the cache
(the default local-memory cache under several gunicorn workers) a change shows at once in
the process that made it and within TIMEOUT in the others: set CACHE_URL to Redis in
production.
"""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

WATCHED = {"members", "partnerships", "enrollment", "people", "honours", "datacalls", "reports"}
GENERATION_KEY = "data-generation"
TIMEOUT = 300  # seconds
SETTLE = 10  # seconds: longer than the portal's write transactions


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 0, None)  # no change seen yet
        value = cache.get(GENERATION_KEY)
    return value or 0  # 0 also with no cache at all (DummyCache)


def data_changed() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def cached(name: str, compute, *parts):
    """compute() for this generation of the data, from the cache when it is there."""
    current = generation()
    key = ":".join(["figures", name, str(current), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        if time.time_ns() - current > SETTLE * 10**9:
            cache.set(key, value, TIMEOUT)
    return value


def _changed(sender, **kwargs) -> None:
    if sender._meta.app_label in WATCHED:
        data_changed()


def watch_data_changes() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"datacache-{id(signal)}")
