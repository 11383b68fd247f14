import re

from django import template

from reports.summary import number_text

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure as the report prints it: 30,000,000 whatever the language (Django's Chinese
    number format has no grouping)."""
    return number_text(value)


CHINESE = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
CJK_SPACE = re.compile(rf"(?<=[{CHINESE}]) +(?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) +(?=[{CHINESE}])")


@register.filter
def cjk_tight(value) -> str:
    """Chinese text without the spaces between Chinese and a number ("2021 年" → "2021年"):
    justified print stretches such a space into a visible gap."""
    return CJK_SPACE.sub("", str(value))
