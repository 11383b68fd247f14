from django import template

register = template.Library()

STATUS_CLASSES = {
    "proposed": "text-bg-secondary",
    "negotiating": "text-bg-info",
    "signed": "text-bg-primary",
    "running": "text-bg-success",
    "finished": "text-bg-dark",
    "ended": "text-bg-danger",
}
STATE_CLASSES = {"done": "text-bg-success", "on_track": "text-bg-primary", "late": "text-bg-danger"}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-light")


@register.filter
def state_class(state: str) -> str:
    return STATE_CLASSES.get(state, "text-bg-light")


@register.filter
def status_label(status: str) -> str:
    from partnerships.models import Project

    return Project.Status(status).label if status in Project.Status.values else status


@register.filter
def with_class(field, css: str):
    """Render a bound form field with a CSS class (for filter forms)."""
    return field.as_widget(attrs={"class": css})
