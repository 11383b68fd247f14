from django.db.models import QuerySet

from accounts.models import User

from .models import Application, Document


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Staff see every application; anyone else only their own."""
    applications = Application.objects.select_related("intake")
    if user.is_staff:
        return applications
    if not user.is_authenticated:
        return applications.none()
    return applications.filter(applicant=user)


def can_see_document(user: User, document: Document) -> bool:
    return user.is_authenticated and (user.is_staff or document.application.applicant_id == user.pk)
