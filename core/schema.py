from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular.openapi import AutoSchema
from rest_framework.request import Request

ERROR_BODY = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": True,
                "description": "Each bad field (or `detail`) with a list of reasons",
            }
        }
    }
}
ERRORS = {
    "400": "Invalid input: nothing was stored",
    "401": "Missing or wrong credentials",
    "403": "Not allowed for this user",
    "404": "No such object, or not yours to see",
    "409": "Not allowed in the object's current state; nothing changed",
    "415": "The body is not JSON, a form or a multipart upload the endpoint reads",
    "429": "Too many attempts by this user: wait a few minutes and try again",
}


class PortalAutoSchema(AutoSchema):
    """Documents the error answers every endpoint can give, as the public contract describes."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(code, {"description": ERRORS[code], **ERROR_BODY})
        return responses

    def get_auth(self):
        return [] if self._open_to_anonymous() else super().get_auth()

    def _open_to_anonymous(self) -> bool:
        """Ask the view's own permission classes whether an anonymous request may pass."""
        django_request = HttpRequest()
        django_request.method = self.method
        request = Request(django_request)
        request.user = AnonymousUser()
        try:
            return all(p.has_permission(request, self.view) for p in self.view.get_permissions())
        except Exception:
            return False

    def _error_codes(self) -> list[str]:
        codes = ["400"]
        if not self._open_to_anonymous():
            codes += ["401", "403"]
        codes += ["404"]  # an object that is not there, or a page past the last
        if self.method == "POST" and "{" in self.path:
            codes += ["409"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["415"]
        if getattr(self.view, "action", None) in getattr(self.view, "rate_limited_actions", ()):
            codes += ["429"]
        return codes
