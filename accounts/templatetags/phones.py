from django import template

from core.phones import national_mobile

register = template.Library()


@register.filter
def national_phone(value: str) -> str:
    """'+8613800138000' -> '13800138000' (how people write their own number); other text as is."""
    return national_mobile(value or "")
