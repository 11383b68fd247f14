from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from audit.models import Act
from audit.services import audit_record
from core.permissions import RolePermission
from core.roles import has_permission
from members.models import Member

from . import services
from .filters import OfferFilter, ProjectFilter
from .models import InternshipOffer, Participant, PlanTask, Project, SharedResource, WorkPlan
from .permissions import (
    can_edit_project,
    can_search_pool,
    can_view_projects,
    editable_offers,
    represented_member_ids,
    visible_projects,
)
from .selectors import plans_with_tasks


class ParticipantSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    role = serializers.ChoiceField(choices=Participant.Role.choices)


class ProjectSerializer(serializers.ModelSerializer):
    participants = ParticipantSerializer(many=True, required=False)
    students = serializers.IntegerField(min_value=0, required=False)
    investment_cny = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "kind",
            "status",
            "signed_on",
            "starts_on",
            "ends_on",
            "expires_on",
            "participants",
            "students",
            "investment_cny",
            "description",
            "notes",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    def validate_participants(self, value):
        seen = set()
        for index, item in enumerate(value):
            key = (item["member"].pk, item["role"])
            if key in seen:
                raise serializers.ValidationError(
                    {index: _("This member is listed twice with the same role.")}
                )
            seen.add(key)
        return value

    def validate(self, attrs):
        instance = self.instance

        def current(name):
            return attrs[name] if name in attrs else getattr(instance, name, None)

        starts_on, ends_on = current("starts_on"), current("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            raise serializers.ValidationError({"ends_on": _("Must not be before starts_on.")})
        # No expiry before signing: Project.clean(), run by the service (400 from its error).
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["participants"] = [
            {"member": p.member_id, "role": p.role} for p in instance.participants.all()
        ]
        return data

    @staticmethod
    def _pairs(participants):
        return [(item["member"], item["role"]) for item in participants]

    def create(self, validated_data):
        participants = validated_data.pop("participants", [])
        try:
            return services.project_create(
                fields=validated_data, participants=self._pairs(participants)
            )
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc

    def update(self, instance, validated_data):
        participants = validated_data.pop("participants", None)
        try:
            return services.project_update(
                project=instance,
                fields=validated_data,
                participants=None if participants is None else self._pairs(participants),
            )
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc


class MoveSerializer(serializers.Serializer):
    # A plain string, not a second enum: drf-spectacular cannot name two "status" enums that
    # share a choice set without a settings override.
    status = serializers.CharField(help_text="The status to move to: " + ", ".join(Project.Status))

    def validate_status(self, value: str) -> str:
        if value not in Project.Status.values:
            raise serializers.ValidationError(_("Unknown status."))
        return value

    on = serializers.DateField(required=False, help_text="When it happened; today if left out.")


class ProjectAccess(permissions.BasePermission):
    """Staff read and write; representatives read their members' projects; others are refused."""

    def has_permission(self, request, view):
        if not can_view_projects(request.user):
            return False
        return request.method in permissions.SAFE_METHODS or can_edit_project(request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Cooperation projects",
        description="Staff see every project; a member representative the projects its member "
        "takes part in. `?year=` keeps the projects that count for that year: signed by "
        "31 December, past the talks, and not ended before 1 January.",
    )
)
class ProjectViewSet(viewsets.ModelViewSet):
    """School-enterprise cooperation projects with their participants."""

    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticated, ProjectAccess]
    filterset_class = ProjectFilter
    ordering_fields = ["signed_on", "title", "students", "investment_cny", "id"]
    ordering = ["-signed_on", "id"]

    @extend_schema(
        request=MoveSerializer,
        responses={200: ProjectSerializer},
        summary="Move a project along the status pipeline",
        description="proposed → negotiating → signed → running → finished, or ended early; "
        "negotiating may go back to proposed. A move the pipeline does not allow: 400, the "
        "project unchanged. Moving to signed fills an empty `signed_on` with the date.",
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        project = self.get_object()
        data = MoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            project = services.project_move(
                project=project,
                status=data.validated_data["status"],
                user=request.user,
                on=data.validated_data.get("on"),
            )
        except services.PartnershipError as exc:
            raise APIValidationError({"status": [str(exc)]}) from exc
        return Response(self.get_serializer(self.get_queryset().get(pk=project.pk)).data)

    def perform_destroy(self, instance):
        with transaction.atomic():
            audit_record(act=Act.DELETION, user=self.request.user, obj=instance)
            instance.delete()

    def get_queryset(self):
        participants = Participant.objects.order_by("id")
        return visible_projects(self.request.user).prefetch_related(
            Prefetch("participants", queryset=participants)
        )


class OfferSerializer(serializers.ModelSerializer):
    places_free = serializers.SerializerMethodField()
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())

    class Meta:
        model = InternshipOffer
        fields = [
            "id",
            "member",
            "position",
            "places",
            "places_free",
            "programmes",
            "location",
            "starts_on",
            "ends_on",
            "supervisor",
            "supervisor_phone",
            "allowance_cny",
            "conditions",
            "is_open",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]

    @extend_schema_field(OpenApiTypes.INT)
    def get_places_free(self, offer) -> int:
        if hasattr(offer, "places_free"):
            return offer.places_free
        placed = offer.placements.aggregate(n=Sum("students"))["n"] or 0
        return offer.places - placed

    def validate_member(self, member):
        user = self.context["request"].user
        if not has_permission(user, "projects.change") and member.pk not in represented_member_ids(
            user
        ):
            raise serializers.ValidationError(_("You may only offer places for your own member."))
        if member.kind != Member.Kind.ENTERPRISE:
            raise serializers.ValidationError(_("Only enterprises offer internship places."))
        return member

    def validate(self, attrs):
        starts_on = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends_on = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts_on and ends_on and ends_on < starts_on:
            raise serializers.ValidationError({"ends_on": _("Must not be before starts_on.")})
        return attrs


class OfferAccess(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_search_pool(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return editable_offers(request.user).filter(pk=obj.pk).exists()


@extend_schema_view(
    list=extend_schema(
        summary="The internship enterprise pool",
        description="Places enterprises offer. Representatives keep their own member's offers; "
        "staff and schools' representatives search all open offers.",
    )
)
class OfferViewSet(viewsets.ModelViewSet):
    """Internship offers (岗位实习企业资源库)."""

    serializer_class = OfferSerializer
    permission_classes = [permissions.IsAuthenticated, OfferAccess]
    filterset_class = OfferFilter
    ordering_fields = ["updated_at", "starts_on", "places"]
    ordering = ["-updated_at", "id"]

    def get_queryset(self):
        offers = InternshipOffer.objects.with_places_free()
        if has_permission(self.request.user, "projects.view"):
            return offers
        own = represented_member_ids(self.request.user)
        return offers.filter(Q(is_open=True) | Q(member_id__in=own))


class PlanTaskSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(
        choices=["done", "on_track", "late"], read_only=True, help_text="At a glance."
    )

    class Meta:
        model = PlanTask
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "description",
            "lead",
            "partners",
            "deadline",
            "status",
            "state",
            "progress",
            "projects",
        ]


class PlanTaskInPlanSerializer(PlanTaskSerializer):
    """A task inside its plan, from selectors.plans_with_tasks (ids set on the task)."""

    partners = serializers.ListField(
        child=serializers.IntegerField(), source="partner_ids", read_only=True
    )
    projects = serializers.ListField(
        child=serializers.IntegerField(), source="project_ids", read_only=True
    )


class WorkPlanSerializer(serializers.ModelSerializer):
    tasks = PlanTaskInPlanSerializer(many=True, read_only=True, source="task_list")

    class Meta:
        model = WorkPlan
        fields = ["id", "year", "title", "goals", "tasks"]


@extend_schema_view(list=extend_schema(summary="Annual work plans with their numbered tasks"))
class WorkPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual work plans (staff)."""

    serializer_class = WorkPlanSerializer
    permission_classes = [permissions.IsAuthenticated, RolePermission]
    read_permission = "projects.view"
    write_permission = "projects.change"
    filterset_fields = ["year"]
    queryset = WorkPlan.objects.order_by("-year", "id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else plans_with_tasks(page)

    def get_object(self):
        return plans_with_tasks([super().get_object()])[0]


@extend_schema_view(
    list=extend_schema(
        summary="Work plan tasks",
        description="`?late=true` keeps the tasks past their deadline that are not done.",
        parameters=[OpenApiParameter("late", bool, description="Only tasks past deadline")],
    )
)
class PlanTaskViewSet(viewsets.ReadOnlyModelViewSet):
    """Work plan tasks (staff)."""

    serializer_class = PlanTaskSerializer
    permission_classes = [permissions.IsAuthenticated, RolePermission]
    read_permission = "projects.view"
    write_permission = "projects.change"
    filterset_fields = ["plan", "status", "lead"]

    def get_queryset(self):
        tasks = PlanTask.objects.prefetch_related("partners", "projects").order_by("plan", "number")
        if self.request.query_params.get("late") in ("true", "1"):
            tasks = tasks.past_deadline()
        return tasks


class ResourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = SharedResource
        fields = [
            "id",
            "member",
            "kind",
            "name",
            "description",
            "location",
            "contact_name",
            "contact_phone",
            "contact_email",
            "is_available",
            "updated_at",
        ]
        read_only_fields = ["id", "updated_at"]


@extend_schema_view(list=extend_schema(summary="Resources members share with the group"))
class ResourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Training bases, equipment and studios members offer (staff and representatives)."""

    serializer_class = ResourceSerializer
    permission_classes = [permissions.IsAuthenticated, OfferAccess]
    filterset_fields = ["kind", "member"]
    queryset = SharedResource.objects.filter(is_available=True).order_by("kind", "name", "id")


router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("internship-offers", OfferViewSet, basename="internship-offer")
router.register("work-plans", WorkPlanViewSet, basename="work-plan")
router.register("work-plan-tasks", PlanTaskViewSet, basename="work-plan-task")
router.register("shared-resources", ResourceViewSet, basename="shared-resource")
urlpatterns = router.urls
