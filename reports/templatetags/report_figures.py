from django import template

from reports.summary import number_text

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as the report prints it: 30,000,000 whatever the language (Django's Chinese
    number format has no grouping)."""
    return number_text(value)
