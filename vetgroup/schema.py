from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import AllowAny

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
}


class PortalAutoSchema(AutoSchema):
    """Documents the error answers every endpoint can give, as the public contract describes."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            responses.setdefault(code, {"description": ERRORS[code], **ERROR_BODY})
        return responses

    def _error_codes(self) -> list[str]:
        codes = ["400"]
        public = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        if not public:
            codes += ["401", "403"]
        if "{" in self.path:
            codes += ["404"]
        if self.method == "POST" and "{" in self.path:
            codes += ["409"]
        return codes
