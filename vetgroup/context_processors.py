from django.conf import settings


def portal(request) -> dict:
    return {"GROUP_NAME": settings.GROUP_NAME}
