"""The portal's URLs plus the bare views the benchmark compares the real ones with.

Never part of the portal: only benchmarks/settings.py (used by benchmarks/run.py) loads this.
"""

import json
import uuid

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

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
            " address, status, status_reason, created_at, updated_at) VALUES (%s, %s, %s, %s,"
            " %s, %s, %s, %s, %s, %s, '', '', 'submitted', '', now(), now())",
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


urlpatterns = [
    path("bench/bare-members/", bare_members),
    path("bench/bare-insert/", bare_insert),
    *portal_urlpatterns,
]
