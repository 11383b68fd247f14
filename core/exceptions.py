"""Errors every view can meet, answered the same way everywhere: the API's exception handler
and the pages' middleware both use these."""

import logging
from collections import Counter

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

REFUSED_DELETES = (ProtectedError, RestrictedError)
OVERSIZED_BODIES = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def referrers(exc: ProtectedError | RestrictedError) -> str:
    """What still refers to the object, by kind and count: "placements (2), member returns (1)"."""
    objects = getattr(exc, "protected_objects", None) or exc.restricted_objects
    counts = Counter(str(obj._meta.verbose_name_plural) for obj in objects)
    return pgettext("list separator", ", ").join(
        pgettext("kind and count", "%(kind)s (%(count)d)") % {"kind": kind, "count": count}
        for kind, count in sorted(counts.items())
    )


def refused_delete_message(exc: ProtectedError | RestrictedError) -> str:
    return _("It cannot be deleted while these refer to it: %(referrers)s.") % {
        "referrers": referrers(exc)
    }


def oversized_body_message(exc: Exception) -> str:
    if isinstance(exc, RequestDataTooBig):
        return _("The request body is too large.")
    return _("The request has too many fields or files.")


def api_exception_handler(exc, context):
    """DRF's handler, plus: a refused delete is a 409 and an oversized body a 400, never a 500."""
    if isinstance(exc, REFUSED_DELETES):
        return Response({"detail": refused_delete_message(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, OVERSIZED_BODIES):
        logging.getLogger(f"django.security.{type(exc).__name__}").warning("%s", exc)
        return Response({"detail": oversized_body_message(exc)}, status=400)
    return exception_handler(exc, context)
