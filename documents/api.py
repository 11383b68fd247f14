from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from core.roles import has_permission

from . import selectors
from .models import Document, Version


class VersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    uploaded_by = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = ["number", "original_name", "size", "note", "uploaded_at", "uploaded_by", "url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_uploaded_by(self, version: Version) -> str | None:
        """Who uploaded it: for the secretariat's governance readers only."""
        user = self.context["request"].user
        if version.uploaded_by is None or not has_permission(user, "governance.view"):
            return None
        return version.uploaded_by.get_username()

    def get_url(self, version: Version) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("document_file", args=[version.document_id, version.number])
        )


class DocumentSerializer(serializers.ModelSerializer):
    folder = serializers.CharField(source="folder.name")
    versions = VersionSerializer(many=True)

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "access", "folder", "description", "updated_at"]
        fields += ["versions"]


@extend_schema_view(
    list=extend_schema(
        summary="The document library",
        description="Documents with their versions (the latest first), as far as the caller "
        "may read them: public ones for everyone, `members` ones for member representatives, "
        "`staff` ones for the secretariat with the governance permission. Another document is "
        "404. `?search=` (part of the title), `?kind=`, `?folder=<id>`.",
        parameters=[
            OpenApiParameter("search", OpenApiTypes.STR),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=Document.Kind.values),
            OpenApiParameter("folder", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="A document with its versions"),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        folder = params.get("folder", "")
        return selectors.library(
            self.request.user,
            query=params.get("search", "").strip()[:100],
            folder=int(folder) if folder.isdigit() and len(folder) < 10 else None,
            kind=params.get("kind", ""),
        )


urlpatterns = [
    path("documents/", DocumentViewSet.as_view({"get": "list"}), name="library-document-list"),
    path(
        "documents/<int:pk>/",
        DocumentViewSet.as_view({"get": "retrieve"}),
        name="library-document-detail",
    ),
]
