from celery import shared_task

from . import services


@shared_task(name="enrollment.expire_offers")
def expire_offers() -> int:
    """Periodic: offered places not accepted in time move on to the next on the waiting list."""
    return services.offers_expire()
