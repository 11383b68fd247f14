from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.roles import has_permission
from members.models import Member

from . import services
from .filters import AwardFilter
from .models import Award, Chain, ChainLeader, ChainLink, ChainPlacement
from .permissions import can_record_awards, can_view_chains, visible_awards


def _api_error(exc: DjangoValidationError) -> APIValidationError:
    if hasattr(exc, "error_dict"):
        return APIValidationError(exc.message_dict)
    return APIValidationError({"non_field_errors": exc.messages})


class AwardSerializer(serializers.ModelSerializer):
    members = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Member.objects.all(), required=False
    )
    people = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, source="winner_names"
    )
    people_in_registry = serializers.SerializerMethodField()
    evidence = serializers.FileField(write_only=True, required=False)
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = ["id", "level", "competition", "event", "rank", "awarded_on", "members"]
        fields += ["people", "people_in_registry", "trained_by", "evidence", "evidence_url"]
        fields += ["status"]
        read_only_fields = ["status"]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_people_in_registry(self, award: Award) -> list[dict]:
        """Winners linked to the people registry: their id there and their name."""
        return [{"id": p.pk, "name": p.full_name} for p in award.people.all()]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_evidence_url(self, award: Award) -> str | None:
        if not award.evidence:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("award_evidence", args=[award.pk])
        )

    def validate_awarded_on(self, value):
        from .validators import validate_not_future

        try:
            validate_not_future(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate_evidence(self, value):
        from .validators import validate_evidence

        try:
            validate_evidence(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return value

    @staticmethod
    def model_fields(data: dict) -> dict:
        fields = {k: v for k, v in data.items() if k not in ("members", "winner_names")}
        if "winner_names" in data:
            fields["winners"] = "\n".join(data["winner_names"])
        return fields


class AwardAccess(permissions.BasePermission):
    """Everyone reads confirmed awards; staff and representatives record; staff change."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if view.action == "create":
            return can_record_awards(request.user)
        return has_permission(request.user, "members.change")


@extend_schema_view(
    list=extend_schema(
        summary="Awards and competition results",
        description="Confirmed awards for everyone; staff also see those awaiting confirmation, "
        "a representative those of its members. Filters: `?level=`, `?status=`, `?member=`.",
    ),
    create=extend_schema(
        summary="Record an award",
        description="Staff records are confirmed at once; a representative records awards of "
        "its own members, which staff then confirm. `awarded_on` may not be in the future.",
    ),
)
class AwardViewSet(viewsets.ModelViewSet):
    serializer_class = AwardSerializer
    permission_classes = [AwardAccess]
    filterset_class = AwardFilter

    def get_queryset(self):
        return (
            visible_awards(self.request.user)
            .prefetch_related("members", "people")
            .order_by("-awarded_on", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.award_record(
                by=self.request.user,
                fields=AwardSerializer.model_fields(data),
                members=list(data.get("members", [])),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc
        except DjangoValidationError as exc:
            raise _api_error(exc) from exc

    @transaction.atomic
    def perform_update(self, serializer):
        award = serializer.instance
        data = serializer.validated_data
        for name, value in AwardSerializer.model_fields(data).items():
            setattr(award, name, value)
        try:
            award.full_clean()
        except DjangoValidationError as exc:
            raise _api_error(exc) from exc
        award.save()
        if "members" in data:
            award.members.set(data["members"])

    @extend_schema(request=None, responses=AwardSerializer, summary="Confirm an award (staff)")
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        try:
            award = services.award_confirm(award=self.get_object(), by=request.user)
        except DjangoValidationError as exc:
            raise _api_error(exc) from exc
        return Response(self.get_serializer(award).data)


class ChainLinkSerializer(serializers.ModelSerializer):
    programmes = serializers.ListField(source="programme_names", read_only=True)
    projects = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ChainLink
        fields = ["id", "name", "position", "programmes", "projects"]


class PlacementSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = ChainPlacement
        fields = ["id", "link", "member", "member_name"]


class LeaderSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = ChainLeader
        fields = ["id", "tier", "link", "member", "member_name", "starts_on", "ends_on"]


class ChainSerializer(serializers.ModelSerializer):
    links = ChainLinkSerializer(many=True, read_only=True)
    placements = PlacementSerializer(many=True, read_only=True)
    leaders = LeaderSerializer(many=True, read_only=True)

    class Meta:
        model = Chain
        fields = ["id", "name", "description", "links", "placements", "leaders"]


class ChainAccess(permissions.BasePermission):
    """Staff and representatives read; staff place members and appoint leaders."""

    def has_permission(self, request, view):
        if not can_view_chains(request.user):
            return False
        return request.method in permissions.SAFE_METHODS or has_permission(
            request.user, "members.change"
        )


@extend_schema_view(
    list=extend_schema(
        summary="Industry chains with their links, member placements and chain leaders",
        description="For staff and member representatives.",
    )
)
class ChainViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ChainSerializer
    permission_classes = [ChainAccess]

    def get_queryset(self):
        return Chain.objects.prefetch_related(
            "links__projects",
            "placements__member",
            "leaders__member",
        )

    def _chain_action(self, request, serializer_class, service, **extra):
        chain = self.get_object()
        data = serializer_class(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                created = service(chain=chain, **data.validated_data, **extra)
        except DjangoValidationError as exc:
            raise _api_error(exc) from exc
        return Response(serializer_class(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PlacementSerializer,
        responses={201: PlacementSerializer},
        summary="Place a member on a link of this chain (staff)",
    )
    @action(detail=True, methods=["post"])
    def placements(self, request, pk=None):
        return self._chain_action(request, PlacementSerializer, services.chain_place)

    @extend_schema(
        request=LeaderSerializer,
        responses={201: LeaderSerializer},
        summary="Appoint a chain leader or sub-chain leader for a term (staff)",
    )
    @action(detail=True, methods=["post"])
    def leaders(self, request, pk=None):
        return self._chain_action(request, LeaderSerializer, services.chain_leader_appoint)


router = SimpleRouter()
router.register("awards", AwardViewSet, basename="award")
router.register("chains", ChainViewSet, basename="chain")
urlpatterns = router.urls
