from celery import shared_task

from .tokens import tokens_purge_expired


@shared_task(name="accounts.purge_expired_tokens")
def purge_expired_tokens() -> int:
    return tokens_purge_expired()
