from celery import shared_task

from . import notifications


@shared_task(name="enrollment.notify_application_event")
def notify_application_event(event_id: int) -> str:
    """Create the applicant's notice of one status change and e-mail it; safe to run twice."""
    return notifications.event_notify(event_id=event_id)


@shared_task(name="enrollment.send_unpublished_notifications")
def send_unpublished_notifications() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): notices of status changes made while Redis was down."""
    return notifications.notifications_send_unpublished()


@shared_task(name="enrollment.expire_offers")
def expire_offers() -> int:
    """Periodic: offered places not accepted in time move on to the next on the waiting list."""
    from . import services

    return services.offers_expire()
