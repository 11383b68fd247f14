from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.ratelimit import TooManyAttempts
from core.schema import ERROR_BODY, ERRORS

from .services import LoginRefused, user_password_login


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="User name, e-mail address or verified mobile")
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


# allauth's login form calls the login "login"; the contract calls it "username".
FIELD_NAMES = {"__all__": "non_field_errors", "login": "username"}


class ObtainTokenView(APIView):
    """Exchange a login and password for an API token, under the web login's rules."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            429: OpenApiResponse(
                description=ERRORS["429"],
                response=ERROR_BODY["content"]["application/json"]["schema"],
            ),
        },
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = user_password_login(
                request._request,
                login=data.validated_data["username"],
                password=data.validated_data["password"],
            )
        except LoginRefused as refused:
            if refused.too_many:
                raise TooManyAttempts from refused
            errors = {FIELD_NAMES.get(k, k): list(v) for k, v in refused.errors.items()}
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
