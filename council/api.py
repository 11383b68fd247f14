from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError as APIValidationError

from core.permissions import RolePermission

from . import services
from .models import Term


class TermSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    position_label = serializers.CharField(source="get_position_display", read_only=True)
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Term
        fields = ["id", "position", "position_label", "member", "member_name", "delegate"]
        fields += ["delegate_title", "starts_on", "ends_on", "is_current", "note"]

    def get_is_current(self, term: Term) -> bool:
        return term.is_current()


@extend_schema_view(
    list=extend_schema(
        summary="Council terms (理事会)",
        description="Who holds which council position, for which dates. Public. "
        "`?current=true`: the council today; `?position=`, `?member=<id>`. "
        "Staff with the governance permission create and change terms; a term overlapping "
        "another holder of a single-holder position (chair, secretary-general, chief "
        "supervisor) is refused with 400.",
        parameters=[
            OpenApiParameter("current", OpenApiTypes.BOOL),
            OpenApiParameter("position", OpenApiTypes.STR, enum=Term.Position.values),
            OpenApiParameter("member", OpenApiTypes.INT),
        ],
    ),
)
class TermViewSet(viewsets.ModelViewSet):
    serializer_class = TermSerializer
    permission_classes = [RolePermission]  # reads: anyone
    write_permission = "governance.change"
    filter_backends: list = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        terms = Term.objects.select_related("member").order_by("-starts_on", "position", "pk")
        params = self.request.query_params
        if params.get("current", "").lower() in ("1", "true", "yes"):
            terms = terms.current(timezone.localdate())
        if params.get("position") in Term.Position.values:
            terms = terms.filter(position=params["position"])
        if params.get("member", "").isdigit() and len(params["member"]) < 10:
            terms = terms.filter(member_id=int(params["member"]))
        return terms

    def perform_create(self, serializer):
        self._save(serializer, Term(**serializer.validated_data))

    def perform_update(self, serializer):
        term = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(term, name, value)
        self._save(serializer, term)

    @staticmethod
    def _save(serializer, term: Term) -> None:
        try:
            serializer.instance = services.term_save(term=term)
        except DjangoValidationError as exc:
            detail = (
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            )
            raise APIValidationError(detail) from exc


terms = TermViewSet.as_view({"get": "list", "post": "create"})
term = TermViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update"})

urlpatterns = [
    path("council/", terms, name="council-term-list"),
    path("council/<int:pk>/", term, name="council-term-detail"),
]
