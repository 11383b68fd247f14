from celery import shared_task

from . import services


@shared_task(name="council.sync_group_roles")
def sync_group_roles() -> int:
    """Daily: a term that began or ended today changes its member's group role."""
    return services.group_roles_sync()
