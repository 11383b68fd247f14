from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def active_if(context, url: str, exact: bool = False) -> str:
    """'active' when the current page is the url (or, unless exact, below it)."""
    path = context["request"].path
    if not url:
        return ""
    return "active" if path == url or (not exact and path.startswith(url)) else ""
