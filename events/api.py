from copy import copy

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.permissions import RolePermission
from members.models import Member

from . import services
from .models import Event, Registration
from .permissions import delegate_member_ids, is_events_staff, visible_events


class EventSerializer(serializers.ModelSerializer):
    confirmed = serializers.SerializerMethodField()
    ical_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "title", "kind", "description", "starts_at", "ends_at", "place"]
        fields += ["online_url", "audience", "capacity", "registration_closes_at", "published"]
        fields += ["confirmed", "ical_url"]
        # Audiences are chosen in the portal from the saved notice audiences.
        read_only_fields = ["audience"]

    def get_confirmed(self, event: Event) -> int:
        counted = getattr(event, "confirmed_count", None)
        return event.registrations.confirmed().count() if counted is None else counted

    def get_ical_url(self, event: Event) -> str:
        return self.context["request"].build_absolute_uri(reverse("event_ics", args=[event.pk]))

    def validate(self, data):
        """The model's own rules (Event.clean) on the event as it would be saved."""
        event = copy(self.instance) if self.instance else Event()
        for field, value in data.items():
            setattr(event, field, value)
        try:
            event.full_clean(
                exclude=["created_by"], validate_unique=False, validate_constraints=False
            )
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc
        return data


class RegistrationSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(), required=False, allow_null=True
    )
    ticket_url = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = ["id", "event", "member", "name", "position", "phone", "status", "code"]
        fields += ["created_at", "promoted_at", "checked_in_at", "ticket_url"]
        read_only_fields = ["event", "status", "code", "created_at", "promoted_at"]
        read_only_fields += ["checked_in_at"]
        extra_kwargs = {"name": {"required": False}}

    def get_ticket_url(self, registration: Registration) -> str:
        path = reverse("event_ticket", args=[registration.code])
        return self.context["request"].build_absolute_uri(path)


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The ticket's code or the URL its QR code holds.")


class CheckInResultSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    already_checked_in = serializers.BooleanField()


class EventViewSet(viewsets.ModelViewSet):
    """Events the caller may see; staff with events.change create and change them.
    `registrations`: the caller's own (staff: all); POST registers the caller, or a delegate of
    a member the caller represents (`member`). A full event puts the registration on the
    waiting list (`status`: waiting)."""

    serializer_class = EventSerializer
    permission_classes = [permissions.IsAuthenticated, RolePermission]
    write_permission = "events.change"
    action_permissions = {"registrations": None, "check_in": "events.change"}

    def get_queryset(self):
        # a subquery per row of the page, not a join of every registration into the count
        confirmed = Coalesce(
            Subquery(
                Registration.objects.filter(event=OuterRef("pk"), status="confirmed")
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )
        return (
            visible_events(self.request.user)
            .annotate(confirmed_count=confirmed)
            .order_by("-starts_at", "-pk")
        )

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)

    def perform_update(self, serializer):
        old = serializer.instance.capacity
        event = serializer.save()
        if old is not None and (event.capacity is None or event.capacity > old):
            services.capacity_raised(event=event)

    @extend_schema(methods=["GET"], responses=RegistrationSerializer(many=True), request=None)
    @extend_schema(
        methods=["POST"], request=RegistrationSerializer, responses=RegistrationSerializer
    )
    @action(detail=True, methods=["get", "post"])
    def registrations(self, request, pk=None):
        event = self.get_object()
        if request.method == "GET":
            found = event.registrations.select_related("member")
            if not is_events_staff(request.user):
                found = found.of_user(request.user)
            data = RegistrationSerializer(found, many=True, context={"request": request}).data
            return Response(data)
        serializer = RegistrationSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        member = data.get("member")
        if member is not None and member.pk not in delegate_member_ids(request.user, event):
            raise APIValidationError({"member": ["你不是该成员单位的代表，不能为其报名。"]})
        try:
            registration = services.register(
                event=event,
                by=request.user,
                name=data.get("name", ""),
                member=member,
                phone=data.get("phone", ""),
                position=data.get("position", ""),
            )
        except DjangoPermissionDenied as exc:
            raise NotFound from exc
        except DjangoValidationError as exc:
            raise APIValidationError({"non_field_errors": exc.messages}) from exc
        out = RegistrationSerializer(registration, context={"request": request}).data
        return Response(out, status=status.HTTP_201_CREATED)

    @extend_schema(request=CheckInSerializer, responses=CheckInResultSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        event = self.get_object()
        serializer = CheckInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            registration, first = services.check_in_code(
                event=event, text=serializer.validated_data["code"], by=request.user
            )
        except DjangoValidationError as exc:
            raise APIValidationError({"code": exc.messages}) from exc
        registration_data = RegistrationSerializer(registration, context={"request": request}).data
        return Response({"registration": registration_data, "already_checked_in": not first})


router = SimpleRouter()
router.register("events", EventViewSet, basename="event")
urlpatterns = router.urls
