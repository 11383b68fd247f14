"""The people registry's REST API: /api/v1/people/ and /api/v1/people/roles/."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.routers import SimpleRouter

from members.models import Member

from . import selectors, services
from .models import ALL_ROLE_FIELDS, Person, Role
from .permissions import (
    can_edit_person,
    can_edit_role,
    can_use_registry,
    visible_people,
    visible_roles,
)


def _service(call):
    try:
        return call()
    except DjangoValidationError as exc:
        raise APIValidationError(exc.message_dict) from exc
    except services.PeopleError as exc:
        raise APIValidationError({exc.field or "non_field_errors": [exc.message]}) from exc


class RoleSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    class Meta:
        model = Role
        fields = ["id", "person", "kind", *ALL_ROLE_FIELDS, "updated_at"]
        read_only_fields = ["id", "updated_at"]

    def validate_person(self, person: Person) -> Person:
        if not visible_people(self.context["request"].user).filter(pk=person.pk).exists():
            raise serializers.ValidationError("Invalid pk - object does not exist.")
        return person

    def create(self, validated_data):
        role = Role(**validated_data)
        return _service(lambda: services.role_save(role=role, by=self.context["request"].user))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return _service(lambda: services.role_save(role=instance, by=self.context["request"].user))


class RoleInPersonSerializer(RoleSerializer):
    class Meta(RoleSerializer.Meta):
        fields = ["id", "kind", *ALL_ROLE_FIELDS]


class PersonSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    id_number = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=18,
        help_text="Resident ID number (GB 11643-1999), optional; never shown in full.",
    )
    phone = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=11,
        help_text="Mainland mobile number, optional; shown masked.",
    )
    id_number_masked = serializers.CharField(read_only=True)
    phone_masked = serializers.CharField(read_only=True)
    confirmed = serializers.BooleanField(source="is_confirmed", read_only=True)
    roles = RoleInPersonSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "member",
            "full_name",
            "sex",
            "job_title",
            "origin_region",
            "from_pairing_area",
            "id_number",
            "id_number_masked",
            "phone",
            "phone_masked",
            "notes",
            "confirmed",
            "roles",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def create(self, validated_data):
        person = Person(**validated_data)
        return _service(
            lambda: services.person_save(person=person, by=self.context["request"].user)
        )

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return _service(
            lambda: services.person_save(person=instance, by=self.context["request"].user)
        )


class RegistryAccess(permissions.BasePermission):
    """Staff and member representatives; each sees only what its organisations keep."""

    def has_permission(self, request, view):
        return can_use_registry(request.user)


FILTERS = [
    OpenApiParameter("role", OpenApiTypes.STR, enum=Role.Kind.values, description="a role kind"),
    OpenApiParameter(
        "member",
        OpenApiTypes.INT,
        description="the person's organisation or a role's partner organisation",
    ),
    OpenApiParameter("project", OpenApiTypes.INT, description="a role in this project"),
    OpenApiParameter(
        "year",
        OpenApiTypes.INT,
        description="a role counting for this year (the people indicators' rules)",
    ),
    OpenApiParameter("search", OpenApiTypes.STR, description="part of the name"),
]


def _filtered(request, people):
    params = request.query_params
    return selectors.filter_people(
        people,
        role=params.get("role", ""),
        member=selectors.int_param(params.get("member")),
        project=selectors.int_param(params.get("project")),
        year=selectors.int_param(params.get("year"), selectors.YEARS),
        q=params.get("search", ""),
    )


@extend_schema_view(
    list=extend_schema(
        summary="People in the registry",
        description="Staff see everyone; a member representative the people of its "
        "organisations and those holding a role with them. ID numbers and phones are masked.",
        parameters=FILTERS,
    )
)
class PersonViewSet(viewsets.ModelViewSet):
    """Individuals tied to member organisations, with their roles."""

    serializer_class = PersonSerializer
    permission_classes = [permissions.IsAuthenticated, RegistryAccess]
    filter_backends = []

    def get_queryset(self):
        people = visible_people(self.request.user)
        if self.action == "list":
            people = _filtered(self.request, people)
        return selectors.with_roles(people.order_by("full_name", "pk"))

    def perform_destroy(self, instance):
        if not can_edit_person(self.request.user, instance):
            raise PermissionDenied
        instance.delete()

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method not in permissions.SAFE_METHODS and not can_edit_person(
            request.user, obj
        ):
            raise PermissionDenied


@extend_schema_view(
    list=extend_schema(
        summary="Roles of people",
        description="Part-time teaching, teacher practice, masters, apprentices, interns, "
        "graduates and class students. Filters as for people.",
        parameters=FILTERS[:4],
    )
)
class RoleViewSet(viewsets.ModelViewSet):
    serializer_class = RoleSerializer
    permission_classes = [permissions.IsAuthenticated, RegistryAccess]
    filter_backends = []

    def get_queryset(self):
        roles = visible_roles(self.request.user).select_related("person")
        if self.action == "list":
            roles = _filtered_roles(roles, self.request.query_params)
        return roles.order_by("pk")

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method not in permissions.SAFE_METHODS and not can_edit_role(request.user, obj):
            raise PermissionDenied

    def perform_destroy(self, instance):
        services.role_delete(role=instance, by=self.request.user)


def _filtered_roles(roles, params):
    member = selectors.int_param(params.get("member"))
    project = selectors.int_param(params.get("project"))
    year = selectors.int_param(params.get("year"), selectors.YEARS)
    if False in (member, project, year):
        return roles.none()
    if params.get("role") in Role.Kind.values:
        roles = roles.filter(kind=params["role"])
    if member:
        roles = roles.filter(Q(person__member_id=member) | Q(partner_id=member))
    if project:
        roles = roles.filter(project_id=project)
    if year:
        roles = roles.counting_for(year)
    return roles


router = SimpleRouter()
router.register("people/roles", RoleViewSet, basename="person-role")
router.register("people", PersonViewSet, basename="person")
urlpatterns = router.urls
