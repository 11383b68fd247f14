"""The portal's URLs plus the bare views the benchmark compares the real ones with.

Never part of the portal: only benchmarks/settings.py (used by benchmarks/run.py) loads this.
"""

import json
import uuid

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from members.api import MemberSerializer
from members.models import Member
from vetgroup.urls import urlpatterns as portal_urlpatterns

# The same columns as the API's member serializer, so both answers carry the same data.
DIRECTORY_FIELDS = MemberSerializer.Meta.fields


def bare_members(request):
    """The 50 rows of a directory page from one .values() query, as JSON."""
    page = int(request.GET.get("page", 1))
    rows = list(
        Member.objects.order_by("name").values(*DIRECTORY_FIELDS)[(page - 1) * 50 : page * 50]
    )
    return HttpResponse(json.dumps(rows, default=str), content_type="application/json")


@csrf_exempt
def bare_insert(request):
    """One INSERT of an application row, nothing else (no auth, validation or encryption)."""
    body = json.loads(request.body)
    token = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO enrollment_application (intake_id, applicant_id, full_name, id_number,"
            " id_number_hash, id_tail, phone, phone_hash, phone_tail, education, employer,"
            " address, ethnicity, household_region, political_status, previous_school, status,"
            " status_reason, created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, '', '', '', '', '', '', 'submitted', '', now(), now())",
            [
                body["intake"],
                body["applicant"],
                body["full_name"],
                body["id_number"],
                token,
                body["id_number"][-4:],
                body["phone"],
                token,
                body["phone"][-4:],
                body["education"],
            ],
        )
    return HttpResponse(status=201)


class BareCreate(APIView):
    """The fair bare of a submission's first request: the API's middleware, token
    authentication and JSON parsing, then one raw INSERT (no validation, encryption, checks)."""

    permission_classes = [IsAuthenticated]

    def post(self, request):
        body = request.data
        token = uuid.uuid4().hex
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO enrollment_application (intake_id, applicant_id, full_name,"
                " id_number, id_number_hash, id_tail, phone, phone_hash, phone_tail, education,"
                " employer, address, ethnicity, household_region, political_status,"
                " previous_school, status, status_reason, created_at, updated_at) VALUES (%s,"
                " %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', '', '', '', '', 'draft', '', now(),"
                " now()) RETURNING id",
                [body["intake"], request.user.pk, body["full_name"], body["id_number"], token,
                 body["id_number"][-4:], body["phone"], token, body["phone"][-4:],
                 body["education"]],
            )  # fmt: skip
            [pk] = cursor.fetchone()
        return Response({"id": pk}, status=201)


class BareSubmit(APIView):
    """The fair bare of the second request: the same stack, then one raw UPDATE of the
    caller's own row (no row lock, audit row or notification)."""

    permission_classes = [IsAuthenticated]

    def post(self, request, pk: int):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE enrollment_application SET status = 'submitted', submitted_at = now(),"
                " updated_at = now() WHERE id = %s AND applicant_id = %s",
                [pk, request.user.pk],
            )
            found = cursor.rowcount
        return Response({"id": pk}, status=200 if found else 404)


urlpatterns = [
    path("bench/bare-members/", bare_members),
    path("bench/bare-insert/", bare_insert),
    path("bench/bare-create/", BareCreate.as_view()),
    path("bench/bare-create/<int:pk>/submit/", BareSubmit.as_view()),
    *portal_urlpatterns,
]
