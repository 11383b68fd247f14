from django.contrib.auth import authenticate, get_user_model
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="User name or e-mail address")
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


def _authenticate(request, login: str, password: str):
    user = authenticate(request, username=login, password=password)
    if user is None and "@" in login:
        match = get_user_model().objects.filter(email__iexact=login).first()
        if match is not None:
            user = authenticate(request, username=match.username, password=password)
    return user


class ObtainTokenView(APIView):
    """Exchange a user name (or e-mail) and password for an API token."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _authenticate(
            request, data.validated_data["username"], data.validated_data["password"]
        )
        if user is None or not user.is_active:
            return Response(
                {"non_field_errors": ["Unable to log in with the credentials provided."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
