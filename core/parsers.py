"""The API's JSON parser: a body that is valid JSON but absurdly nested is refused with a 400."""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No field of the API nests more than a few levels; a deeper value would only fail later, far
# down the stack (validation, saving, rendering), as a RecursionError.
MAX_JSON_DEPTH = 32


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:  # the C decoder gives up past about 1,000 levels
            raise ParseError(_("The JSON body is nested too deeply.")) from exc
        if nesting_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(_("The JSON body is nested too deeply."))
        return data


def nesting_exceeds(value, limit: int) -> bool:
    """True if lists and objects in `value` nest more than `limit` levels (without recursion)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False
