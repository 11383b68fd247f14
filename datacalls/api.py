from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.permissions import RolePermission, denied_message
from core.roles import has_permission
from members.models import Member

from . import selectors, services
from .models import ENTERPRISE_FIELDS, FIRST_YEAR, SCHOOL_FIELDS, DataCall, MemberReturn

RETURN_FIELDS = list(dict.fromkeys(ENTERPRISE_FIELDS + SCHOOL_FIELDS))


class DataCallSerializer(serializers.ModelSerializer):
    member_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Member.Kind.choices), required=False
    )
    progress = serializers.SerializerMethodField()

    class Meta:
        model = DataCall
        fields = [
            "id",
            "year",
            "status",
            "deadline",
            "instructions",
            "member_kinds",
            "opened_at",
            "closed_at",
            "snapshot_version",
            "progress",
        ]
        read_only_fields = ["status", "opened_at", "closed_at", "snapshot_version"]
        validators = []  # one call per year: the service says so in words

    def get_progress(self, call: DataCall) -> dict[str, int]:
        """Returns per status, the total and the late ones (a list page has them attached)."""
        p = getattr(call, "progress", None) or selectors.call_progress(call)
        return {"total": p.total, "late": p.late, **p.by_status}

    def validate_year(self, value: int) -> int:
        if not FIRST_YEAR <= value <= 2100:
            raise serializers.ValidationError(_("Give a year between 2000 and 2100."))
        return value

    def validate_deadline(self, value):
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Give a date between 2000 and 2100."))
        return value


class CloseSerializer(serializers.Serializer):
    confirm_missing = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Close even though some returns are not accepted.",
    )


class DataCallViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Data calls (staff only). Creating one opens it: every member included gets a return and
    a notice. `close` freezes the year (409 while a disagreement is unsettled, or when returns
    are missing and `confirm_missing` is not true)."""

    serializer_class = DataCallSerializer
    permission_classes = [permissions.IsAuthenticated, RolePermission]
    read_permission = "reports.view"
    write_permission = "reports.change"
    queryset = DataCall.objects.all().order_by("-year")
    filterset_fields = ["year", "status"]

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            progress = selectors.calls_progress(page)
            for call in page:
                call.progress = progress[call.pk]
        return page

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            call = services.data_call_open(by=request.user, **serializer.validated_data)
        except services.DataCallError as error:
            return Response({error.field or "detail": [error.message]}, status=400)
        return Response(DataCallSerializer(call).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseSerializer, responses=DataCallSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        call = self.get_object()
        body = CloseSerializer(data=request.data if isinstance(request.data, dict) else {})
        body.is_valid(raise_exception=True)
        confirm = body.validated_data["confirm_missing"]
        try:
            call = services.data_call_close(call=call, by=request.user, confirm_missing=confirm)
        except services.DataCallError as error:
            return Response({error.field or "detail": [error.message]}, status=409)
        return Response(DataCallSerializer(call).data)


class FigureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    value = serializers.IntegerField(min_value=0, max_value=100_000, allow_null=True)


class ReturnFigureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    project_title = serializers.CharField(source="project.title")
    what = serializers.CharField()
    recorded_value = serializers.IntegerField()
    side = serializers.CharField()
    value = serializers.IntegerField(allow_null=True)
    settled_value = serializers.IntegerField(allow_null=True)


class MemberReturnSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="call.year", read_only=True)
    deadline = serializers.DateField(source="call.deadline", read_only=True)
    member_name = serializers.CharField(source="member.name", read_only=True)
    form_fields = serializers.SerializerMethodField()
    figures = serializers.SerializerMethodField()
    figure_values = FigureSerializer(many=True, write_only=True, required=False)

    class Meta:
        model = MemberReturn
        fields = [
            "id",
            "call",
            "year",
            "deadline",
            "member",
            "member_name",
            "form",
            "status",
            "form_fields",
            *RETURN_FIELDS,
            "remarks",
            "review_comments",
            "submitted_at",
            "reviewed_at",
            "figures",
            "figure_values",
        ]
        read_only_fields = [
            "call",
            "member",
            "form",
            "status",
            "review_comments",
            "submitted_at",
            "reviewed_at",
        ]

    def get_form_fields(self, member_return: MemberReturn) -> list[str]:
        """The fields of this member's form; the others stay empty."""
        return list(member_return.fields)

    @extend_schema_field(ReturnFigureSerializer(many=True))
    def get_figures(self, member_return: MemberReturn) -> list[dict]:
        """Project figures this member confirms (its own side's value only)."""
        member_id = member_return.member_id
        return [
            ReturnFigureSerializer(
                {
                    "id": f.pk,
                    "project_id": f.project_id,
                    "project": f.project,
                    "what": f.what,
                    "recorded_value": f.recorded_value,
                    "side": f.side_of(member_id),
                    "value": f.value_for(member_id),
                    "settled_value": f.settled_value,
                }
            ).data
            for f in self._figures(member_return)
        ]

    @staticmethod
    def _figures(member_return: MemberReturn):
        """A list page has them attached already (selectors.attach_figures)."""
        attached = getattr(member_return, "figure_list", None)
        return attached if attached is not None else services.figures_of(member_return)

    def validate(self, attrs):
        member_return = self.instance
        if member_return is not None:
            foreign = [f for f in RETURN_FIELDS if f in attrs and f not in member_return.fields]
            if foreign:
                raise serializers.ValidationError(
                    dict.fromkeys(foreign, [_("Not a field of this member's form.")])
                )
        return attrs


COMMENTS = inline_serializer("SendBack", {"comments": serializers.CharField()})


class MemberReturnViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Members' returns to data calls: a representative sees and fills its own members' (`PATCH`
    saves a draft, `submit` sends it to the secretariat); staff see all and `accept` or `return`
    them (with `comments`). An action the status does not allow: 409, nothing changed."""

    serializer_class = MemberReturnSerializer
    filterset_fields = ["call", "status", "member"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return selectors.returns_for_user(self.request.user).order_by("-call__year", "member__name")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            selectors.attach_figures(page)
        return page

    def _own(self, member_return: MemberReturn) -> None:
        if not member_return.member.representatives.filter(user=self.request.user).exists():
            raise PermissionDenied(_("Only the member's representative may do this."))

    def _conflict(self, error: services.DataCallError):
        code = status.HTTP_400_BAD_REQUEST if error.field else status.HTTP_409_CONFLICT
        return Response({error.field or "detail": [error.message]}, status=code)

    def update(self, request, *args, **kwargs):
        member_return = self.get_object()
        self._own(member_return)
        serializer = self.get_serializer(member_return, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        figures = {f["id"]: f["value"] for f in data.pop("figure_values", [])}
        try:
            member_return = services.return_save(
                member_return=member_return, by=request.user, values=data, figure_values=figures
            )
        except services.DataCallError as error:
            return self._conflict(error)
        return Response(MemberReturnSerializer(member_return).data)

    @extend_schema(request=None, responses=MemberReturnSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        member_return = self.get_object()
        self._own(member_return)
        try:
            member_return = services.return_submit(member_return=member_return, by=request.user)
        except services.DataCallError as error:
            return self._conflict(error)
        return Response(MemberReturnSerializer(member_return).data)

    def _staff(self):
        if not has_permission(self.request.user, "reports.change"):
            raise PermissionDenied(denied_message("reports.change"))

    @extend_schema(request=None, responses=MemberReturnSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        self._staff()
        try:
            member_return = services.return_accept(member_return=self.get_object(), by=request.user)
        except services.DataCallError as error:
            return self._conflict(error)
        return Response(MemberReturnSerializer(member_return).data)

    @extend_schema(request=COMMENTS, responses=MemberReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        self._staff()
        comments = request.data.get("comments", "") if isinstance(request.data, dict) else ""
        try:
            member_return = services.return_send_back(
                member_return=self.get_object(), by=request.user, comments=str(comments)
            )
        except services.DataCallError as error:
            return self._conflict(error)
        return Response(MemberReturnSerializer(member_return).data)


router = SimpleRouter()
router.register("data-calls", DataCallViewSet, basename="datacall")
router.register("data-returns", MemberReturnViewSet, basename="datareturn")
urlpatterns = router.urls
