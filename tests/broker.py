"""Point this test process's Celery producer at another broker (a closed port, a private Redis)."""

import socket
from contextlib import contextmanager

from vetgroup.celery import app


def closed_port() -> int:
    """A local port nothing listens on (bound and released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _drop_connection_pools() -> None:
    # Dropped, not closed: kombu's registry hands the same pool out again for the same URL.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str):
    """Publish to `url` for real (not eagerly) inside the block."""
    # The write URL, because Celery reads broker_url from the environment before its settings.
    keys = ("broker_write_url", "broker_transport_options", "task_always_eager")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_write_url=url,
        broker_transport_options={"socket_connect_timeout": 2},
        task_always_eager=False,
    )
    _drop_connection_pools()
    try:
        yield
    finally:
        app.conf.update(saved)
        _drop_connection_pools()
