import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.serializers import as_serializer_error

from core.filters import FilterBackend
from core.permissions import RolePermission
from core.roles import has_permission
from core.validators import normalize_credit_code

from . import services
from .filters import MemberFilter
from .forms import PROFILE_FIELDS
from .models import Member
from .permissions import (
    MEMBERSHIP_FIELDS,
    STAFF_ONLY_FIELDS,
    can_edit_member,
    can_view_member,
    represented_member_ids,
)


class CreditCodeField(serializers.CharField):
    """Normalised (spaces dropped, upper case) before the uniqueness check; blank is null."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return normalize_credit_code(value) or None


class MemberListSerializer(serializers.ListSerializer):
    """The directory page: each row's plain model attributes through the fields'
    to_representation, without DRF's per-row attribute lookup machinery (the same answer,
    about a third less time per page; benchmarks/run.py --only directory)."""

    def to_representation(self, data):
        data = data.all() if isinstance(data, models.Manager) else data
        fields = [
            (f.field_name, f.source, f.to_representation) for f in self.child._readable_fields
        ]
        return [
            {
                name: None if (value := getattr(member, source)) is None else represent(value)
                for name, source, represent in fields
            }
            for member in data
        ]


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Member
        list_serializer_class = MemberListSerializer
        # The contract's fields first, then the rest of the profile.
        fields = [
            "id",
            *PROFILE_FIELDS[:5],
            *MEMBERSHIP_FIELDS,
            *PROFILE_FIELDS[5:],
            "profile_updated_at",
            "pending_name",
            "pending_credit_code",
            "pending_kind",
        ]
        read_only_fields = [
            "id",
            "profile_updated_at",
            "pending_name",
            "pending_credit_code",
            "pending_kind",
        ]

    def get_fields(self):
        # The model's introspection, built once per process: it took most of a page's time.
        # Each request binds its own shallow copies (binding sets only the copy's attributes;
        # the fields are flat, and their validators keep no state): a deep copy rebuilt every
        # field and validator and cost about a tenth of a directory page.
        cls = type(self)
        if "_built_fields" not in cls.__dict__:
            cls._built_fields = super().get_fields()
        return {name: copy.copy(field) for name, field in cls._built_fields.items()}

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name == "credit_code":
            field_class = CreditCodeField
        return field_class, kwargs

    def validate(self, attrs):
        """The model's own rules (Member.clean), so API, forms and import agree."""
        candidate = Member(**{**self._current_values(), **attrs})
        candidate.pk = self.instance.pk if self.instance is not None else None  # its stored role
        try:
            candidate.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(as_serializer_error(exc)) from exc
        for name in {"region", "industry"} & set(attrs):
            attrs[name] = getattr(candidate, name)  # as clean() normalised them
        return attrs

    def _current_values(self) -> dict:
        if self.instance is None:
            return {}
        return {f: getattr(self.instance, f) for f in self.Meta.fields if f != "id"}


class RepresentativeInviteSerializer(serializers.Serializer):
    email = serializers.EmailField()


class RepresentativeEditing(permissions.BasePermission):
    """A representative may read and PATCH its own member's profile (RolePermission does staff)."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return can_view_member(request.user, obj)
        return can_edit_member(request.user, obj)


@extend_schema(
    description="Member organisations. Staff see and change all; a representative sees its own "
    "organisations and may PATCH their profile fields (not status, group_role, joined_on, "
    "left_on)."
)
class MemberViewSet(viewsets.ModelViewSet):
    serializer_class = MemberSerializer
    permission_classes = [permissions.IsAuthenticated, RolePermission, RepresentativeEditing]
    # update and partial_update: the object permission (member affairs, or its representative)
    action_permissions = {
        "create": "members.change",
        "destroy": "members.change",
        "representatives": "members.change",
    }
    filterset_class = MemberFilter
    filter_backends = [FilterBackend, OrderingFilter]
    ordering_fields = ["name", "joined_on", "kind", "status", "region", "industry", "id"]
    ordering = ["name"]

    def get_queryset(self):
        queryset = Member.objects.all()
        if has_permission(self.request.user, "members.view") or self.action != "list":
            # Another member's record is then refused with 403 by the object permission.
            return queryset
        return queryset.filter(pk__in=represented_member_ids(self.request.user))

    def perform_update(self, serializer):
        user = self.request.user
        by_representative = not has_permission(user, "members.change")
        if by_representative:
            changed = {
                field
                for field in STAFF_ONLY_FIELDS & set(serializer.validated_data)
                if serializer.validated_data[field] != getattr(serializer.instance, field)
            }
            if changed:
                raise PermissionDenied(
                    "Only the secretariat may change: " + ", ".join(sorted(changed))
                )
        member = serializer.instance
        for field, value in serializer.validated_data.items():
            setattr(member, field, value)
        # A representative's new name, credit code or kind waits for staff approval (pending_*).
        services.member_update(member=member, by=user, by_representative=by_representative)

    def perform_create(self, serializer):
        member = Member(**serializer.validated_data)
        serializer.instance = services.member_update(
            member=member, by=self.request.user, by_representative=False
        )

    def perform_destroy(self, instance):
        try:
            services.member_delete(member=instance, by=self.request.user)
        except services.MemberError as exc:
            raise ConflictError(str(exc)) from exc

    @extend_schema(
        request=RepresentativeInviteSerializer,
        responses={
            201: inline_serializer(
                "RepresentativeInvited",
                {
                    "member": serializers.IntegerField(),
                    "user": serializers.IntegerField(),
                    "email": serializers.EmailField(),
                    "user_created": serializers.BooleanField(),
                },
            )
        },
    )
    @action(detail=True, methods=["post"])
    def representatives(self, request, pk=None):
        """Make the user with this e-mail (created if new) a representative and invite them."""
        member = self.get_object()
        data = RepresentativeInviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        representative, user_created = services.member_invite_representative(
            member=member, email=data.validated_data["email"], invited_by=request.user
        )
        return Response(
            {
                "member": member.pk,
                "user": representative.user_id,
                "email": representative.user.email,
                "user_created": user_created,
            },
            status=status.HTTP_201_CREATED,
        )


class ConflictError(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


router = SimpleRouter()
router.register("members", MemberViewSet, basename="member")
urlpatterns = router.urls
