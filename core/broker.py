"""Sending work to Celery without letting a broker outage break the request.

Every piece of queued work is first recorded in the database (a report job, a notice's
deliveries, an application event, an unsent invitation); the message to the broker only says
"do it now". So when Redis cannot be reached the message is dropped with a warning, the
request goes on, and the periodic sweepers (CELERY_BEAT_SCHEDULE) send what was not published
once the broker is back. The work's own claim (a conditional UPDATE) makes a second message
harmless.
"""

import logging
from contextvars import ContextVar
from functools import partial

from celery import Task
from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Inside a request (BrokerOutageMiddleware): True once a publish failed. Outside (a worker,
# a command) None: every publish tries.
_unpublished: ContextVar[bool | None] = ContextVar("unpublished", default=None)


def publish(task: Task, *args) -> bool:
    """Send the task once, without retries and without a result; False if the broker is down.

    After one failure the rest of the request does not try again (a bulk action would wait
    seconds per item on an unreachable host); the sweepers send those too."""
    if _unpublished.get():
        return False
    try:
        task.apply_async(args=args, retry=False, ignore_result=True)
    except Exception as exc:  # kombu and redis raise many kinds; none may fail the request
        logger.warning("Broker unreachable, %s%r left for the sweeper: %s", task.name, args, exc)
        if _unpublished.get() is not None:
            _unpublished.set(True)
        return False
    return True


def publish_on_commit(task: Task, *args) -> None:
    transaction.on_commit(partial(publish, task, *args))


class BrokerOutageMiddleware:
    """Tell the user when their action was saved but could not be handed to the worker yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _unpublished.set(False)
        try:
            response = self.get_response(request)
            # API answers carry the job's own state (e.g. "queued"); pages get a message.
            if _unpublished.get() and not request.path.startswith("/api/"):
                messages.warning(
                    request,
                    _(
                        "The background service cannot be reached just now. Your request is "
                        "saved and will be carried out automatically when it is back."
                    ),
                )
            return response
        finally:
            _unpublished.reset(token)
