import copy
import json
from contextlib import nullcontext

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from core.permissions import RolePermission
from core.ratelimit import check_api
from core.roles import has_permission
from members.models import Member

from . import questions, services
from .forms import AnswersForm, answer_initial
from .models import Answer, Application, DocumentKind, Intake, Question
from .permissions import (
    SCHOOL_KINDS,
    applications_visible_to,
    may_reveal,
    possible_reviewers,
    reviewable_intakes,
    reviewers_refused,
)
from .selectors import personal_search


class ChoiceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="What an answer stores; never reused.")
    zh = serializers.CharField()
    en = serializers.CharField(allow_blank=True)


class QuestionSerializer(serializers.ModelSerializer):
    """A question of the intake's own (staff add them on the intake's pages)."""

    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "position",
            "kind",
            "label_zh",
            "label_en",
            "help_zh",
            "help_en",
            "required",
            "choices",
            "active",
        ]
        read_only_fields = fields


class IntakeSerializer(serializers.ModelSerializer):
    document_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=DocumentKind.choices), required=False
    )
    is_open = serializers.SerializerMethodField()
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Intake
        fields = [
            "id",
            "programme",
            "year",
            "quota",
            "opens_at",
            "closes_at",
            "description",
            "documents_required",
            "document_kinds",
            "online_courses",
            "is_open",
            "school",
            "reviewers",
            "starts_on",
            "report_place",
            "offer_days",
            "questions",
        ]
        extra_kwargs = {"reviewers": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        fields["school"].queryset = Member.objects.filter(kind__in=SCHOOL_KINDS)
        fields["reviewers"].child_relation.queryset = possible_reviewers()
        request = self.context.get("request")
        if request is None or not has_permission(request.user, "enrollment.view"):
            del fields["reviewers"]
        return fields

    def get_is_open(self, intake: Intake) -> bool:
        return intake.is_open()

    def _plausible(self, value):
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError("Give a date between 2000 and 2100.")
        return value

    validate_opens_at = validate_closes_at = _plausible

    def validate(self, attrs):
        opens = attrs.get("opens_at", getattr(self.instance, "opens_at", None))
        closes = attrs.get("closes_at", getattr(self.instance, "closes_at", None))
        if opens and closes and closes <= opens:
            raise serializers.ValidationError(
                {"closes_at": ["Registration must close after it opens."]}
            )
        school = attrs.get("school", getattr(self.instance, "school", None))
        if "reviewers" in attrs:
            reviewers = attrs["reviewers"]
        else:
            reviewers = list(self.instance.reviewers.all()) if self.instance else []
        problems = reviewers_refused(school=school, reviewers=reviewers)
        if problems:
            raise serializers.ValidationError({"reviewers": problems})
        return attrs


class IntakeViewSet(viewsets.ModelViewSet):
    """Intakes: staff write and see all; everyone else reads the intakes open for registration
    (a reviewer also those it reviews). `reviewers` lists the user ids of the intake's reviewers,
    shown to staff who review."""

    serializer_class = IntakeSerializer
    permission_classes = [RolePermission]
    write_permission = "enrollment.manage"
    filterset_fields = ["year"]

    def get_queryset(self):
        user = self.request.user
        if has_permission(user, "enrollment.all_intakes"):
            return Intake.objects.prefetch_related("reviewers", "questions")
        now = timezone.now()
        open_now = Q(opens_at__lte=now, closes_at__gt=now)
        if has_permission(user, "enrollment.view"):
            open_now |= Q(pk__in=reviewable_intakes(user).values("pk"))
        return Intake.objects.filter(open_now).prefetch_related("reviewers", "questions")

    def perform_update(self, serializer):
        intake = serializer.save()
        services.intake_places_offer(intake=intake)  # a quota raised frees places

    def perform_destroy(self, instance):
        # one with applications: 409 (core.exceptions.api_exception_handler)
        services.intake_delete(intake=instance, by=self.request.user)


@extend_schema_field(OpenApiTypes.OBJECT)
class AnswersField(serializers.Field):
    """The answers to the intake's questions, keyed by question id: text, a number or date as
    text, a choice key, a list of keys, true or false; a file answer reads as {"file_name",
    "size", "url"} and is uploaded as the multipart field `q_<question id>`."""

    def __init__(self, **kwargs):
        super().__init__(source="*", required=False, **kwargs)

    def to_representation(self, application):
        from django.urls import reverse

        data = {}
        if getattr(application, "answers_known_empty", False):
            return data
        for answer in application.answers.all():
            if answer.file:
                url = reverse("enrollment_answer_file", args=[answer.pk])
                data[str(answer.question_id)] = {
                    "file_name": answer.original_name,
                    "size": answer.size,
                    "url": url,
                }
            else:
                data[str(answer.question_id)] = answer.value
        return data

    def to_internal_value(self, data):
        if isinstance(data, str):  # a multipart request carries the object as JSON text
            try:
                data = json.loads(data)
            except ValueError:
                data = None
        if not isinstance(data, dict):
            raise serializers.ValidationError("Give an object of answers keyed by question id.")
        return {"answers": data}


class ApplicationSerializer(serializers.ModelSerializer):
    intake = serializers.PrimaryKeyRelatedField(queryset=Intake.objects.all())
    birth_date = serializers.DateField(read_only=True)
    sex = serializers.CharField(read_only=True)
    waitlist_position = serializers.IntegerField(read_only=True, allow_null=True)
    letter = serializers.SerializerMethodField()
    answers = AnswersField()

    class Meta:
        model = Application
        fields = [
            "id",
            "intake",
            "full_name",
            "id_number",
            "phone",
            "education",
            "employer",
            "address",
            "ethnicity",
            "political_status",
            "household_region",
            "previous_school",
            "birth_date",
            "sex",
            "status",
            "status_reason",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
            "waitlist_position",
            "offer_expires_at",
            "letter",
            "answers",
        ]
        read_only_fields = [
            "status",
            "status_reason",
            "submitted_at",
            "decided_at",
            "offer_expires_at",
            "created_at",
            "updated_at",
        ]
        # Uniqueness is checked by the service (and the database constraint) with a clear message.
        validators = []

    def validate_id_number(self, value: str) -> str:
        return value.strip().upper()

    @extend_schema_field(
        inline_serializer(
            "AdmissionLetterLink",
            {
                "number": serializers.CharField(),
                "valid": serializers.BooleanField(),
                "download": serializers.CharField(),
                "verify": serializers.CharField(),
            },
        ),
    )
    def get_letter(self, application: Application) -> dict | None:
        """The admission letter of an enrolled application: its number, whether it is valid,
        the applicant's download and the public verification page."""
        letter = getattr(application, "letter", None) if application.status == "enrolled" else None
        if letter is None:
            return None
        return {
            "number": letter.number,
            "valid": letter.is_valid,
            "download": reverse("applicant_letter", args=[application.pk]),
            "verify": reverse("letter_verify", args=[letter.token]),
        }

    def validate(self, attrs):
        if "answers" in attrs:
            intake = self.instance.intake if self.instance else attrs.get("intake")
            attrs["answers"] = self._checked_answers(intake, attrs["answers"])
        elif self.instance is None and attrs.get("intake") is not None:
            # A new application answers the required questions like the form does.
            attrs["answers"] = self._checked_answers(attrs["intake"], {})
        return attrs

    def _checked_answers(self, intake: Intake, given: dict) -> dict:
        """Checked by the form's own fields: {question: cleaned value}, or 400 naming each."""
        asked_questions = list(intake.questions.filter(active=True))
        if not asked_questions and not given:
            return {}
        application = self.instance
        form_data = {}
        if application is not None:
            form_data = {f"q_{a.question_id}": answer_initial(a) for a in application.answers.all()}
        asked = {str(q.pk) for q in asked_questions}
        unknown = [key for key in given if str(key) not in asked]
        if unknown:
            raise serializers.ValidationError(
                {"answers": {key: ["No such question on this intake."] for key in unknown}}
            )
        for key, value in given.items():
            if isinstance(value, bool):
                value = "yes" if value else "no"
            elif isinstance(value, (int, float)):
                value = str(value)
            form_data[f"q_{key}"] = "" if value is None else value
        request = self.context.get("request")
        files = request.FILES if request is not None else {}
        form = AnswersForm(
            form_data, files, intake=intake, application=application, questions=asked_questions
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {"answers": {name[2:]: errors for name, errors in form.errors.items()}}
            )
        return form.answers_by_question()

    # The fields built from the model, per serializer class. ModelSerializer builds them anew
    # for every instance by introspecting the model (a tenth of a submission's time, three
    # serializers per create + submit); a copy per instance is what DRF does with declared
    # fields anyway.
    _model_fields: dict[type, dict] = {}

    def get_fields(self):
        cls = type(self)
        if cls not in self._model_fields:
            self._model_fields[cls] = super().get_fields()
        fields = copy.deepcopy(self._model_fields[cls])
        if self.instance is not None and not isinstance(self.instance, list):
            fields["intake"].read_only = True
        return fields


class MaskedApplicationSerializer(ApplicationSerializer):
    """For lists: the ID number and phone never appear in full."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["id_number"] = instance.id_number_masked
        data["phone"] = instance.phone_masked
        return data


REASON = inline_serializer("Reason", {"reason": serializers.CharField()})


class ApplicationViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications: an applicant creates and sees their own, staff see and decide all.

    Lists mask ID numbers and phones. Transitions: `submit`, `withdraw` (the applicant),
    `approve`, `reject`, `return` (with `reason`), `enrol` (staff)."""

    filterset_fields = ["intake", "status"]
    permission_classes = [IsAuthenticated, RolePermission]
    action_permissions = dict.fromkeys(
        ("approve", "reject", "return_", "enrol"), "enrollment.decide"
    )
    # Counted together under ACCOUNT_RATE_LIMITS["application_submit"] (core.ratelimit).
    rate_limited_actions = ("create", "submit")
    ordering_fields = ["created_at", "submitted_at", "full_name"]

    def get_queryset(self):
        queryset = applications_visible_to(self.request.user)
        if self.action == "list":
            queryset = queryset.prefetch_related(
                Prefetch("answers", Answer.objects.select_related("question"))
            )
        search = self.request.query_params.get("search", "").strip()
        if search and has_permission(self.request.user, "enrollment.view"):
            queryset = queryset.filter(personal_search(search))
        return queryset.select_related("letter").order_by("-created_at", "-id")

    def get_serializer_class(self):
        if self.action == "list":
            return MaskedApplicationSerializer
        return ApplicationSerializer

    def retrieve(self, request, *args, **kwargs):
        """In full for the applicant and for a reviewer with the reveal permission (recorded)."""
        application = self.get_object()
        if not may_reveal(request.user, application):
            return Response(MaskedApplicationSerializer(application).data)
        if application.applicant_id != request.user.pk:
            services.personal_data_access_record(
                user=request.user, application=application, what="api_detail"
            )
        return Response(self.get_serializer(application).data)

    def _error(self, error: services.EnrollmentError, code=status.HTTP_400_BAD_REQUEST):
        return Response({error.field or "detail": [error.message]}, status=code)

    def create(self, request, *args, **kwargs):
        check_api(request, "application_submit")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        answers = fields.pop("answers", {})
        try:
            with transaction.atomic() if answers else nullcontext():
                application = services.application_create(applicant=request.user, **fields)
                questions.answers_save(application=application, answers=answers)
        except services.EnrollmentError as error:
            return self._error(error)
        if not answers:
            application.answers_known_empty = True  # no query to show none
        return Response(ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        application = self.get_object()
        if application.applicant_id != request.user.pk:
            raise PermissionDenied("Only the applicant may change an application.")
        serializer = self.get_serializer(
            application, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        answers = fields.pop("answers", None)
        try:
            with transaction.atomic():
                application = services.application_update(
                    application=application, actor=request.user, **fields
                )
                if answers is not None:
                    questions.answers_save(application=application, answers=answers)
        except services.EnrollmentError as error:
            return self._error(error, status.HTTP_409_CONFLICT if not error.field else 400)
        return Response(ApplicationSerializer(application).data)

    def _transition(self, request, name: str):
        application = self.get_object()
        if name in services.APPLICANT_ACTIONS:
            if application.applicant_id != request.user.pk:
                raise PermissionDenied("Only the applicant may do this.")
            service = services.APPLICANT_ACTIONS[name]
            kwargs = {}
        else:
            service = services.STAFF_ACTIONS[name]
            kwargs = (
                {"reason": request.data.get("reason", "")} if name in ("reject", "return") else {}
            )
        try:
            application = service(application=application, actor=request.user, **kwargs)
        except services.EnrollmentError as error:
            code = status.HTTP_400_BAD_REQUEST if error.field else status.HTTP_409_CONFLICT
            return self._error(error, code)
        if name == "approve" and application.on_waitlist:
            # The quota is full: not approved (the contract's 409, status unchanged), but put
            # on the waiting list, whose position the answer gives.
            message = _("The quota is full: put on the waiting list at position %(n)d.") % {
                "n": application.waitlist_position
            }
            data = {"detail": [message], **ApplicationSerializer(application).data}
            return Response(data, status=status.HTTP_409_CONFLICT)
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        check_api(request, "application_submit")
        return self._transition(request, "submit")

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(request, "withdraw")

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The applicant accepts a place offered from the waiting list (before its deadline)."""
        return self._transition(request, "accept")

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition(request, "approve")

    @extend_schema(request=REASON, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._transition(request, "reject")

    @extend_schema(request=REASON, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._transition(request, "return")

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def enrol(self, request, pk=None):
        return self._transition(request, "enrol")


router = SimpleRouter()
router.register("intakes", IntakeViewSet, basename="intake")
router.register("applications", ApplicationViewSet, basename="application")
urlpatterns = router.urls
