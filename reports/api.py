"""The contract's annual report API, under /api/v1/reports/: staff only."""

from django.db.models import Count, Max
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.permissions import RolePermission
from core.uploads import download_response

from .models import FIRST_YEAR, AnnualReportJob, YearSnapshot
from .selectors import open_data_years
from .services import ReportError, annual_report_retry, annual_report_start, latest_year


class AnnualReportJobSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField()
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AnnualReportJob
        fields = [
            "id",
            "year",
            "status",
            "progress",
            "error",
            "files",
            "attempt",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        inline_serializer(
            "AnnualReportFiles",
            {fmt: serializers.URLField() for fmt in AnnualReportJob.FORMATS},
            allow_null=True,
        )
    )
    def get_files(self, job: AnnualReportJob) -> dict[str, str] | None:
        """Download URLs (staff only) for xlsx, docx and pdf once the job is done."""
        if job.status != AnnualReportJob.Status.DONE:
            return None
        request = self.context["request"]
        return {
            fmt: request.build_absolute_uri(
                reverse("api_annual_report-file", kwargs={"pk": job.pk, "fmt": fmt})
            )
            for fmt in job.files()
        }


class AnnualReportStartSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=FIRST_YEAR)

    def validate_year(self, year: int) -> int:
        if year > latest_year():
            raise serializers.ValidationError(
                _("Ensure this value is less than or equal to %(max)s.") % {"max": latest_year()}
            )
        return year


FILE_TYPES = [
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/pdf",
]


class FileRenderer(BaseRenderer):
    """Lets a download answer a client that accepts the file's type (the view returns a
    FileResponse); errors are still rendered as JSON."""

    format = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


FILE_RENDERERS = [
    type("FileRenderer", (FileRenderer,), {"media_type": t, "format": f})
    for t, f in zip(FILE_TYPES, ["xlsx", "docx", "pdf"], strict=True)
]


class AnnualReportViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Annual report jobs: start one for a year, follow its progress, download its files."""

    permission_classes = [IsAuthenticated, RolePermission]
    read_permission = "reports.view"
    write_permission = "reports.change"
    serializer_class = AnnualReportJobSerializer
    queryset = AnnualReportJob.objects.select_related("created_by").order_by("-created_at", "-id")
    filterset_fields = ["year", "status"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and isinstance(response.accepted_renderer, FileRenderer):
            # An error answered to a file download is still JSON.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    @extend_schema(
        request=AnnualReportStartSerializer,
        responses={202: AnnualReportJobSerializer},
        description="Queue the annual report for a year, or return the year's job already "
        "queued or running (202 either way).",
    )
    def create(self, request, *args, **kwargs):
        data = AnnualReportStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            job, _created = annual_report_start(
                year=data.validated_data["year"],
                user=request.user,
                language=request.LANGUAGE_CODE,
            )
        except ReportError as exc:
            return Response({"year": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        body = self.get_serializer(job).data
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: AnnualReportJobSerializer})
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        """Run a failed job again."""
        try:
            job = annual_report_retry(job=self.get_object())
        except ReportError as exc:
            return Response({"status": [str(exc)]}, status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY) for media_type in FILE_TYPES
        }
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"files/(?P<fmt>xlsx|docx|pdf|zip)",
        url_name="file",
        renderer_classes=[JSONRenderer, *FILE_RENDERERS],
    )
    def file(self, request, pk=None, fmt=None):
        """Download one of a finished job's files."""
        return report_file_response(self.get_object(), fmt)


def report_file_response(job: AnnualReportJob, fmt: str) -> FileResponse:
    """A finished job's file as an attachment; 404 when there is none."""
    field = job.files().get(fmt)
    if job.status != AnnualReportJob.Status.DONE or field is None:
        raise Http404
    filename = _("%(year)s annual work summary") % {"year": job.year}
    return download_response(field, filename=f"{filename}-{job.pk}.{fmt}")


router = SimpleRouter()
router.register("annual", AnnualReportViewSet, basename="api_annual_report")
urlpatterns = router.urls


# --- open data (issue 9): the approved yearly figures, public and read-only

FIGURES_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "oneOf": [{"type": "integer"}, {"type": "string", "format": "decimal"}],
    },
    "description": "Figure code → value (money as a decimal string in RMB)",
}


class OpenDataYearSerializer(serializers.ModelSerializer):
    frozen_at = serializers.DateTimeField(source="created_at", read_only=True)
    indicators = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()

    class Meta:
        model = YearSnapshot
        fields = ["year", "version", "frozen_at", "indicators", "sections"]
        read_only_fields = fields

    @extend_schema_field(FIGURES_SCHEMA)
    def get_indicators(self, snapshot: YearSnapshot) -> dict:
        """Every indicator code of docs/contract.md → its approved value."""
        return snapshot.indicators

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": FIGURES_SCHEMA,
            "description": "Section name → its totals (aggregates only)",
        }
    )
    def get_sections(self, snapshot: YearSnapshot) -> dict:
        # Only the totals: a section's records (per member) are never published.
        return {
            name: dict(section.get("totals") or {}) for name, section in snapshot.sections.items()
        }


OPEN_DATA_MAX_AGE = 300  # seconds a cache may keep the figures before asking again


def open_data_etag(request, *args, **kwargs) -> str:
    """Snapshots are only ever added, so the newest id and the count name the data's state."""
    state = YearSnapshot.objects.aggregate(n=Count("id"), last=Max("id"))
    return f"{state['n']}-{state['last'] or 0}"


@method_decorator(
    [condition(etag_func=open_data_etag), cache_control(public=True, max_age=OPEN_DATA_MAX_AGE)],
    name="dispatch",
)
@extend_schema_view(
    list=extend_schema(
        description="The group's approved figures: the latest version of each frozen year, "
        "newest year first. Open to everyone; answers carry an ETag and Cache-Control."
    ),
    retrieve=extend_schema(
        description="One frozen year's approved figures (its latest version); 404 for a year "
        "that is not frozen."
    ),
)
class OpenDataYearViewSet(viewsets.ReadOnlyModelViewSet):
    """Approved yearly figures for the group's website and the provincial platform."""

    serializer_class = OpenDataYearSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    renderer_classes = [JSONRenderer]  # one representation, so one ETag per URL
    filter_backends = []
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    def get_queryset(self):
        return open_data_years()


open_data_router = SimpleRouter()
open_data_router.register("years", OpenDataYearViewSet, basename="open-data-year")
open_data_urlpatterns = open_data_router.urls
