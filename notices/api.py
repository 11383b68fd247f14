from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from . import services
from .models import Delivery, Notice


class InboxNoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ["title", "body", "kind", "response", "reply_prompt", "released_at"]


class InboxSerializer(serializers.ModelSerializer):
    notice = InboxNoticeSerializer(read_only=True)

    class Meta:
        model = Delivery
        fields = ["id", "notice", "read_at", "acknowledged_at", "reply", "reply_text"]
        fields += ["replied_at"]
        read_only_fields = fields


class ReplySerializer(serializers.Serializer):
    reply = serializers.ChoiceField(choices=Delivery.Reply.choices)
    reply_text = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class InboxViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in user's notices. `?unread=true` for the unread ones only."""

    serializer_class = InboxSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Delivery.objects.none()
        deliveries = Delivery.objects.for_inbox(self.request.user).select_related("notice")
        if self.request.query_params.get("unread") == "true":
            deliveries = deliveries.unread()
        return deliveries

    def _done(self, delivery: Delivery) -> Response:
        delivery.refresh_from_db()
        return Response(InboxSerializer(delivery).data)

    @extend_schema(request=None, responses=InboxSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        delivery = self.get_object()
        services.delivery_open(delivery=delivery)
        return self._done(delivery)

    @extend_schema(request=None, responses=InboxSerializer)
    @action(detail=True, methods=["post"])
    def receipt(self, request, pk=None):
        delivery = self.get_object()
        try:
            services.delivery_acknowledge(delivery=delivery)
        except services.NoticeError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._done(delivery)

    @extend_schema(request=ReplySerializer, responses=InboxSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        delivery = self.get_object()
        data = ReplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.delivery_reply(
                delivery=delivery,
                reply=data.validated_data["reply"],
                text=data.validated_data.get("reply_text", ""),
            )
        except services.NoticeError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return self._done(delivery)


router = SimpleRouter()
router.register("inbox", InboxViewSet, basename="api-inbox")
urlpatterns = router.urls
