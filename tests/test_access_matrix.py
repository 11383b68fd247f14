"""Every URL of the portal against five users and a user per staff role: nobody reaches what is
not theirs.

The list of URLs comes from the resolver, so a new page or endpoint without an entry in ACCESS
fails `test_every_url_has_an_access_entry` until someone decides who may open it.

`staff` in a rule is the answer for the staff roles granted the URL: the secretary-general always,
and the roles listed for it in GRANTED (written here by hand from the issue's role descriptions,
not read from accounts.roles). Every other staff user -- a plain `is_staff` user without a role
("staff") and the roles not granted -- gets what an ordinary user with nothing of its own gets
(the `other_applicant` answer).
"""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from PIL import Image

from council.models import Term
from datacalls.models import DataCall, MemberReturn, ProjectFigure
from documents.models import Access
from enrollment.models import Answer, Application, Document, DocumentKind, Question
from enrollment.services import letter_issue
from events import services as event_services
from honours.models import Award
from members.models import IndividualMember, JoinApplication, Member, Review, ReviewEntry
from members.reviews import certificate_issue
from notices.models import Attachment, Delivery, Notice
from partnerships.models import Placement, ProjectClass, SharedResource
from people.models import Person, Role
from reports.models import AnnualReportJob
from reports.services import year_freeze
from tests.documents.factories import make_document
from tests.enrollment.factories import ApplicationFactory, IntakeFactory
from tests.events.factories import EventFactory
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory
from tests.honours.factories import AwardFactory, ChainFactory
from tests.notices.factories import NoticeFactory
from tests.partnerships.factories import (
    OfferFactory,
    ParticipantFactory,
    PlanTaskFactory,
    ProjectFactory,
    WorkPlanFactory,
)
from tests.website.factories import ArticleFactory
from website.models import Article

# every user against every page and endpoint (about 2 minutes): run once, in the PostgreSQL +
# Redis run of .ci/run
pytestmark = pytest.mark.slow

OUR_MODULES = (
    "vetgroup",
    "accounts",
    "audit",
    "members",
    "partnerships",
    "enrollment",
    "reports",
    "datacalls",
    "notices",
    "website",
    "people",
    "honours",
    "documents",
    "council",
    "events",
    "rest_framework.routers",
    "drf_spectacular",
)
ROLES = (
    "secretary_general",
    "member_affairs",
    "projects",
    "enrollment_reviewer",
    "reports",
    "auditor",
)
BASE_USERS = ("anonymous", "applicant", "other_applicant", "other_rep", "staff")
USERS = BASE_USERS + ROLES

LOGIN = 302  # a page that needs a login redirects there
DENIED = {403, 404}


@dataclass
class Rule:
    expect: dict[str, int | set[int]]
    kwargs: Callable[[dict], dict] = field(default=lambda world: {})
    method: str = "get"
    data: dict | None = None


def everyone(status) -> dict:
    return dict.fromkeys(BASE_USERS, status)


PUBLIC = everyone(200)
ANY_LOGGED_IN = {**everyone(200), "anonymous": LOGIN}
STAFF_PAGE = {**everyone(403), "anonymous": LOGIN, "staff": 200}
STAFF_API = {**everyone(403), "anonymous": 401, "staff": 200}

DONE = {200, 302, 400}  # an allowed POST: done and redirected, or refused as incomplete
# A member's own pages: its representative is not among the five users, so only staff gets in.
MEMBER_PAGE = {**everyone(DENIED), "anonymous": LOGIN, "staff": 200}
# The member area: for representatives only (other_rep sees its own member's data).
MEMBER_AREA = {**everyone(DENIED), "anonymous": LOGIN, "other_rep": 200, "staff": {200, 403}}
# Member news is written by representatives only: staff, representing no member, get 404.
REPRESENTATIVES_ONLY = {**everyone(404), "anonymous": LOGIN, "other_rep": 200}
# An object of `member` in the member area: of the five, only staff may touch it.
MEMBER_OBJECT = {**everyone(DENIED), "anonymous": LOGIN, "staff": 200}
NOBODY = {**everyone(DENIED), "anonymous": LOGIN}
NOT_SHOWN = {**everyone(404), "staff": 200}
# What members offer each other (internships, shared resources): members and staff only.
MEMBERS_ONLY = {**everyone(404), "anonymous": LOGIN, "other_rep": 200, "staff": 200}
API_MEMBERS_ONLY = {**everyone(403), "anonymous": 401, "other_rep": 200, "staff": 200}
STAFF_POST = {**everyone(403), "anonymous": LOGIN, "staff": DONE}
# Pages of the application owned by "applicant".
OWNER_PAGE = {**everyone(DENIED), "anonymous": LOGIN, "applicant": 200}
OWNER_POST = {**everyone(DENIED), "anonymous": LOGIN, "applicant": DONE}
OWNER_OR_STAFF_FILE = {**everyone(DENIED), "anonymous": LOGIN, "applicant": 200, "staff": 200}
# The inbox entry of "applicant": a delivery is its recipient's alone, staff included.
INBOX_OWNER = {**everyone(404), "anonymous": LOGIN, "applicant": 200}
INBOX_OWNER_POST = {**everyone(404), "anonymous": LOGIN, "applicant": DONE}
API_PUBLIC = everyone(200)
API_LIST = {**everyone(200), "anonymous": 401}  # each sees only what is theirs (checked below)
API_MEMBER_OBJECT = {**everyone(DENIED), "anonymous": 401, "staff": 200}
API_OWNER = {**everyone(DENIED), "anonymous": 401, "applicant": 200, "staff": 200}
API_OWNER_POST = {**everyone(DENIED), "anonymous": 401, "applicant": {200, 400, 409}}
API_STAFF_POST = {**everyone(DENIED), "anonymous": 401, "staff": {200, 201, 400, 409}}
API_INBOX_OWNER = {**everyone(404), "anonymous": 401, "applicant": 200}
API_INBOX_OWNER_POST = {**everyone(404), "anonymous": 401, "applicant": {200, 400}}
# A registration's ticket: the person registered and staff who see events.
OWNER_OR_STAFF_TICKET = {**everyone(404), "anonymous": LOGIN, "applicant": 200, "staff": 200}
# Pages for the representatives of members only (staff have their own).
REP_ONLY = {**everyone(404), "anonymous": LOGIN, "other_rep": 200}


def pk(key: str) -> Callable[[dict], dict]:
    return lambda world: {"pk": world[key].pk}


# A document for members: their representatives and the governance readers; others 404.
MEMBERS_DOCUMENT = {**everyone(404), "other_rep": 200, "staff": 200}
MEMBER_OBJECT_POST = {**everyone(DENIED), "anonymous": LOGIN, "staff": DONE}

ACCESS: dict[str, Rule] = {
    # --- people registry ("person" of "member", whose representative is not among the five)
    "staff_people": Rule(STAFF_PAGE),
    "staff_person_confirm": Rule(STAFF_POST, pk("person"), "post"),
    "member_people": Rule(MEMBER_AREA),
    "person_create": Rule(MEMBER_AREA),
    "people_import": Rule(MEMBER_AREA),
    "people_import_confirm": Rule(
        {**everyone(DENIED), "anonymous": LOGIN, "other_rep": 200, "staff": 200}, method="post"
    ),
    "people_import_template": Rule(MEMBER_AREA),
    "person_detail": Rule(MEMBER_OBJECT, pk("person")),
    "person_edit": Rule(MEMBER_OBJECT, pk("person")),
    "role_create": Rule(MEMBER_OBJECT, lambda w: {"pk": w["person"].pk, "kind": "intern"}),
    "role_edit": Rule(MEMBER_OBJECT, pk("role")),
    "role_delete": Rule(MEMBER_OBJECT_POST, pk("role"), "post"),
    "person-list": Rule(API_MEMBERS_ONLY),
    "person-detail": Rule(API_MEMBER_OBJECT, pk("person")),
    "person-role-list": Rule(API_MEMBERS_ONLY),
    "person-role-detail": Rule(API_MEMBER_OBJECT, pk("role")),
    # --- foundation
    "public_home": Rule(PUBLIC),
    "home": Rule({**everyone(302), "anonymous": LOGIN}),
    "healthz": Rule(PUBLIC),
    "staff_dashboard": Rule(STAFF_PAGE),
    "member_home": Rule({**ANY_LOGGED_IN, "other_rep": 302}),  # straight to its member's page
    "applicant_home": Rule(ANY_LOGGED_IN),
    "api_token": Rule(everyone(400), method="post", data={}),
    "api_schema": Rule(PUBLIC),
    "api_docs": Rule(PUBLIC),
    # Password reset by SMS code: on to allauth's login by code; the last step needs it done.
    "phone_password_reset": Rule(everyone(302)),
    "phone_password_reset_finish": Rule(everyone(302)),
    # --- staff and roles (the secretary-general's)
    "staff_team": Rule(STAFF_PAGE),
    "staff_team_roles": Rule(STAFF_PAGE, lambda w: {"pk": w["users"]["staff"].pk}),
    "staff_tokens": Rule(STAFF_PAGE),
    "staff_token_issue": Rule(STAFF_POST, method="post"),
    # Another staff user's token: only who manages staff revokes it.
    "staff_token_revoke": Rule(STAFF_POST, lambda w: {"user_pk": w["users"]["staff"].pk}, "post"),
    "staff_audit": Rule(STAFF_PAGE),
    "staff_audit_csv": Rule(STAFF_PAGE),
    # --- members: pages
    "member_detail": Rule(MEMBER_PAGE, pk("member")),
    "member_profile_edit": Rule(MEMBER_PAGE, pk("member")),
    "member_contacts_edit": Rule(MEMBER_PAGE, pk("member")),
    "member_invitation_accept": Rule(
        everyone(400), lambda w: {"uidb64": "MQ", "token": "not-a-token"}
    ),
    "member_join": Rule(PUBLIC),
    "member_join_individual": Rule(PUBLIC),
    "member_logo": Rule(NOT_SHOWN, pk("member")),  # not in the showcase: for its editors
    "member_showcase": Rule(PUBLIC),
    "staff_individual_list": Rule(STAFF_PAGE),
    "staff_individual_decide": Rule(
        STAFF_POST, lambda w: {"pk": w["individual"].pk, "decision": "approve"}, "post"
    ),
    "staff_member_list": Rule(STAFF_PAGE),
    "staff_member_create": Rule(STAFF_PAGE),
    "staff_member_import": Rule(STAFF_PAGE),
    "staff_member_import_confirm": Rule(STAFF_POST, method="post"),
    "staff_member_import_template": Rule(STAFF_PAGE),
    "staff_member_export": Rule(STAFF_PAGE),
    "staff_member_quiet": Rule(STAFF_PAGE),
    "staff_member_detail": Rule(STAFF_PAGE, pk("member")),
    "staff_member_edit": Rule(STAFF_PAGE, pk("member")),
    "staff_member_suspend": Rule(STAFF_POST, pk("member"), "post"),
    "staff_member_reinstate": Rule(STAFF_POST, pk("member"), "post"),
    "staff_member_leave": Rule(STAFF_POST, pk("member"), "post"),
    "staff_member_delete": Rule(STAFF_POST, pk("member"), "post"),
    "staff_pending_change_approve": Rule(STAFF_POST, pk("member"), "post"),
    "staff_pending_change_reject": Rule(STAFF_POST, pk("member"), "post"),
    "staff_representative_remove": Rule(
        STAFF_POST,
        lambda w: {"pk": w["member"].pk, "representative_pk": w["representative"].pk},
        "post",
    ),
    "staff_member_invite": Rule(STAFF_POST, pk("member"), "post"),
    "staff_application_approve": Rule(STAFF_POST, pk("joining"), "post"),
    "staff_application_reject": Rule(STAFF_POST, pk("joining"), "post"),
    # --- yearly review and certificates ("member" passed the review of "review")
    "member_review": Rule(MEMBER_PAGE, pk("member")),
    "member_certificate": Rule(MEMBER_PAGE, pk("member")),
    "certificate_verify": Rule(PUBLIC, lambda w: {"token": w["certificate"].token}),
    "staff_review_list": Rule(STAFF_PAGE),
    "staff_review_open": Rule(STAFF_POST, method="post"),
    "staff_review_detail": Rule(STAFF_PAGE, pk("review")),
    "staff_review_remind": Rule(STAFF_POST, pk("review"), "post"),
    "staff_review_decide": Rule(STAFF_POST, pk("review_entry"), "post", {"result": "passed"}),
    "staff_certificate_revoke": Rule(STAFF_POST, pk("certificate"), "post"),
    # --- members: API
    "member-list": Rule(API_LIST),
    "member-detail": Rule(API_MEMBER_OBJECT, pk("member")),
    "member-representatives": Rule(API_STAFF_POST, pk("member"), "post"),
    # --- partnerships: staff pages
    "staff_project_list": Rule(STAFF_PAGE),
    "staff_project_board": Rule(STAFF_PAGE),
    "staff_project_create": Rule(STAFF_PAGE),
    "staff_project_detail": Rule(STAFF_PAGE, pk("project")),
    "staff_project_edit": Rule(STAFF_PAGE, pk("project")),
    "staff_project_move": Rule(STAFF_POST, pk("project"), "post"),
    "staff_project_agreement": Rule(STAFF_POST, pk("project"), "post"),
    "staff_project_event": Rule(STAFF_POST, pk("project"), "post"),
    "staff_project_class_create": Rule(STAFF_PAGE, pk("project")),
    "staff_project_class_edit": Rule(
        STAFF_PAGE, lambda w: {"pk": w["project"].pk, "class_pk": w["project_class"].pk}
    ),
    "project_document": Rule(MEMBER_OBJECT, pk("project")),
    "staff_plan_list": Rule(STAFF_PAGE),
    "staff_plan_create": Rule(STAFF_PAGE),
    "staff_plan_detail": Rule(STAFF_PAGE, pk("plan")),
    "staff_plan_edit": Rule(STAFF_PAGE, pk("plan")),
    "staff_plan_task_create": Rule(STAFF_PAGE, pk("plan")),
    "staff_plan_task_edit": Rule(STAFF_PAGE, pk("task")),
    # --- partnerships: member area and pool
    "member_projects": Rule(MEMBER_AREA),
    "member_project_detail": Rule(NOBODY, pk("project")),  # staff has its own page
    "member_offers": Rule(MEMBER_AREA),
    "member_offer_create": Rule(MEMBER_AREA),
    "member_offer_edit": Rule(MEMBER_OBJECT, pk("offer")),
    "internship_pool": Rule(MEMBERS_ONLY),
    "internship_offer": Rule(MEMBERS_ONLY, pk("offer")),
    "internship_place": Rule(MEMBER_OBJECT, pk("offer")),
    "placement_rate": Rule(MEMBER_OBJECT, pk("placement")),
    "shared_resources": Rule(MEMBERS_ONLY),
    "resource_create": Rule(MEMBER_AREA),
    "resource_edit": Rule(MEMBER_OBJECT, pk("resource")),
    # --- partnerships: API
    "project-list": Rule(API_MEMBERS_ONLY),
    "project-detail": Rule(API_MEMBER_OBJECT, pk("project")),
    "project-move": Rule(API_STAFF_POST, pk("project"), "post"),
    "internship-offer-list": Rule(API_MEMBERS_ONLY),
    "internship-offer-detail": Rule(API_MEMBERS_ONLY, pk("offer")),  # the pool is for members
    "work-plan-list": Rule(STAFF_API),
    "work-plan-detail": Rule(STAFF_API, pk("plan")),
    "work-plan-task-list": Rule(STAFF_API),
    "work-plan-task-detail": Rule(STAFF_API, pk("task")),
    "shared-resource-list": Rule(API_MEMBERS_ONLY),
    "shared-resource-detail": Rule(API_MEMBERS_ONLY, pk("resource")),
    # --- enrollment: public and applicant
    "intake_list": Rule(PUBLIC),
    "intake_detail": Rule(PUBLIC, pk("intake")),
    "applicant_my_data": Rule(ANY_LOGGED_IN),
    # "applicant" registered for the intake already: led to that application.
    "applicant_apply": Rule(
        {**ANY_LOGGED_IN, "applicant": 302}, lambda w: {"intake_pk": w["intake"].pk}
    ),
    "applicant_application": Rule(OWNER_PAGE, pk("application")),
    "applicant_application_edit": Rule(OWNER_PAGE, pk("application")),
    "applicant_document_upload": Rule(OWNER_POST, pk("application"), "post"),
    "applicant_application_action": Rule(
        OWNER_POST, lambda w: {"pk": w["application"].pk, "action": "submit"}, "post"
    ),
    "enrollment_document": Rule(OWNER_OR_STAFF_FILE, pk("document")),
    "applicant_letter": Rule(OWNER_PAGE, pk("enrolled_application")),
    "letter_verify": Rule(PUBLIC, lambda w: {"token": w["letter"].token}),
    "enrollment_answer_file": Rule(OWNER_OR_STAFF_FILE, pk("answer")),
    # --- enrollment: staff
    "staff_enrollment": Rule(STAFF_PAGE),
    "staff_intake_create": Rule(STAFF_PAGE),
    "staff_intake_edit": Rule(STAFF_PAGE, pk("intake")),
    # The world's intake has applications: staff may try, and is refused with 409 naming them.
    "staff_intake_delete": Rule({**STAFF_POST, "staff": 409}, pk("intake"), "post"),
    "staff_intake_roster": Rule(STAFF_PAGE, pk("intake")),
    "staff_questions": Rule(STAFF_PAGE, pk("intake")),
    "staff_question_edit": Rule(
        STAFF_PAGE, lambda w: {"pk": w["intake"].pk, "question_pk": w["question"].pk}
    ),
    # Answered: staff's delete stops asking it and keeps the answers.
    "staff_question_delete": Rule(
        STAFF_POST, lambda w: {"pk": w["intake"].pk, "question_pk": w["question"].pk}, "post"
    ),
    "staff_intake_qr": Rule(STAFF_PAGE, pk("intake")),
    "staff_intake_poster": Rule(STAFF_PAGE, pk("intake")),
    "staff_queue": Rule(STAFF_PAGE),
    "staff_waitlist": Rule(STAFF_PAGE, pk("intake")),
    "staff_waitlist_move": Rule(STAFF_POST, pk("intake"), "post"),
    # Every admission letter of an intake (names of the enrolled): the roster's permission.
    "staff_intake_letters": Rule(STAFF_PAGE, pk("letters_intake")),
    "staff_letter_revoke": Rule(STAFF_POST, pk("enrolled_application"), "post"),
    "staff_bulk": Rule(STAFF_POST, method="post", data={"action": "approve"}),
    "staff_application": Rule(STAFF_PAGE, pk("application")),
    "staff_application_action": Rule(
        STAFF_POST, lambda w: {"pk": w["application"].pk, "action": "approve"}, "post"
    ),
    # --- enrollment: API
    "intake-list": Rule(API_PUBLIC),
    "intake-detail": Rule(API_PUBLIC, pk("intake")),
    "application-list": Rule(API_LIST),
    "application-detail": Rule(API_OWNER, pk("application")),
    "application-approve": Rule(API_STAFF_POST, pk("application"), "post"),
    "application-enrol": Rule(API_STAFF_POST, pk("application"), "post"),
    "application-reject": Rule(API_STAFF_POST, pk("application"), "post"),
    "application-return-": Rule(API_STAFF_POST, pk("application"), "post"),
    "application-submit": Rule(API_OWNER_POST, pk("application"), "post"),
    "application-withdraw": Rule(API_OWNER_POST, pk("application"), "post"),
    "application-accept": Rule(API_OWNER_POST, pk("application"), "post"),
    # --- reports
    "staff_reports": Rule(STAFF_PAGE),
    "staff_network": Rule(STAFF_PAGE),
    "staff_report_draft": Rule(STAFF_POST, lambda w: {"year": 2025}, "post"),
    "staff_report_generate": Rule(STAFF_POST, lambda w: {"year": 2025}, "post"),
    "staff_report_retry": Rule(STAFF_POST, pk("job"), "post"),
    "staff_report_file": Rule(STAFF_PAGE, lambda w: {"pk": w["job"].pk, "fmt": "xlsx"}),
    "api_annual_report-list": Rule(STAFF_API),
    "api_annual_report-detail": Rule(STAFF_API, pk("job")),
    "api_annual_report-file": Rule(STAFF_API, lambda w: {"pk": w["job"].pk, "fmt": "xlsx"}),
    "api_annual_report-retry": Rule(API_STAFF_POST, pk("job"), "post"),
    "staff_frozen_years": Rule(STAFF_PAGE),
    "staff_year_freeze": Rule(STAFF_POST, method="post", data={"year": 2025, "reason": "x"}),
    "staff_year_snapshot": Rule(
        STAFF_PAGE, lambda w: {"year": w["snapshot"].year, "version": w["snapshot"].version}
    ),
    "staff_trends": Rule(STAFF_PAGE),
    "open_data": Rule(PUBLIC),
    "open-data-year-list": Rule(API_PUBLIC),
    "open-data-year-detail": Rule(API_PUBLIC, lambda w: {"year": w["snapshot"].year}),
    # --- data calls (the return of "member", whose representative is not among the five)
    "staff_datacall_list": Rule(STAFF_PAGE),
    "staff_datacall_create": Rule(STAFF_PAGE),
    "staff_datacall_detail": Rule(STAFF_PAGE, pk("data_call")),
    "staff_datacall_close": Rule(STAFF_PAGE, pk("data_call")),
    "staff_return_detail": Rule(STAFF_PAGE, pk("member_return")),
    "staff_return_accept": Rule(STAFF_POST, pk("member_return"), "post"),
    "staff_return_send_back": Rule(STAFF_POST, pk("member_return"), "post"),
    "staff_figure_settle": Rule(STAFF_PAGE, pk("figure")),
    "staff_data_quality": Rule(STAFF_PAGE, lambda w: {"year": w["data_call"].year}),
    "member_returns": Rule(MEMBER_AREA),
    "member_return_edit": Rule(MEMBER_OBJECT, pk("member_return")),
    "datacall-list": Rule(STAFF_API),
    "datacall-detail": Rule(STAFF_API, pk("data_call")),
    "datacall-close": Rule(API_STAFF_POST, pk("data_call"), "post"),
    "datareturn-list": Rule(API_LIST),
    "datareturn-detail": Rule(API_MEMBER_OBJECT, pk("member_return")),
    # Only the member's own representative submits, staff included: nobody of the five.
    "datareturn-submit": Rule({**everyone(DENIED), "anonymous": 401}, pk("member_return"), "post"),
    "datareturn-accept": Rule(API_STAFF_POST, pk("member_return"), "post"),
    "datareturn-return-": Rule(API_STAFF_POST, pk("member_return"), "post"),
    # --- notices: inbox (a delivery of "applicant")
    "inbox": Rule(ANY_LOGGED_IN),
    "inbox_unread": Rule(ANY_LOGGED_IN),
    "inbox_mark_all_read": Rule({**everyone(302), "anonymous": LOGIN}, method="post"),
    "notice_preferences": Rule(ANY_LOGGED_IN),
    "inbox_detail": Rule(INBOX_OWNER, pk("delivery")),
    "inbox_acknowledge": Rule(INBOX_OWNER_POST, pk("delivery"), "post"),
    "inbox_reply": Rule(INBOX_OWNER_POST, pk("delivery"), "post"),
    "inbox_attachment": Rule(
        INBOX_OWNER, lambda w: {"pk": w["delivery"].pk, "attachment_pk": w["attachment"].pk}
    ),
    "api-inbox-list": Rule(API_LIST),
    "api-inbox-detail": Rule(API_INBOX_OWNER, pk("delivery")),
    "api-inbox-read": Rule(API_INBOX_OWNER, pk("delivery"), "post"),
    "api-inbox-receipt": Rule(API_INBOX_OWNER_POST, pk("delivery"), "post"),
    "api-inbox-reply": Rule(API_INBOX_OWNER_POST, pk("delivery"), "post"),
    # --- notices: staff
    "staff_notice_list": Rule(STAFF_PAGE),
    "staff_notice_create": Rule(STAFF_PAGE),
    "staff_reminders": Rule(STAFF_PAGE),
    "staff_notice_detail": Rule(STAFF_PAGE, pk("notice")),
    "staff_notice_edit": Rule(STAFF_PAGE, pk("draft_notice")),
    "staff_notice_send": Rule(STAFF_POST, pk("draft_notice"), "post"),
    "staff_notice_schedule": Rule(STAFF_POST, pk("draft_notice"), "post"),
    "staff_notice_unschedule": Rule(STAFF_POST, pk("draft_notice"), "post"),
    "staff_notice_export": Rule(STAFF_PAGE, pk("notice")),
    "staff_notice_retry": Rule(STAFF_POST, pk("notice"), "post"),
    "staff_notice_attachment": Rule(
        STAFF_PAGE, lambda w: {"pk": w["notice"].pk, "attachment_pk": w["attachment"].pk}
    ),
    # --- website
    "news_list": Rule(PUBLIC),
    "news_detail": Rule(PUBLIC, pk("article")),
    "news_cover": Rule(PUBLIC, pk("article")),
    "about": Rule(PUBLIC),
    "contact": Rule(PUBLIC),
    "member_news_list": Rule(REPRESENTATIVES_ONLY),
    "member_news_create": Rule(REPRESENTATIVES_ONLY),
    "staff_news_list": Rule(STAFF_PAGE),
    "staff_news_create": Rule(STAFF_PAGE),
    "staff_news_edit": Rule(STAFF_PAGE, pk("pending_article")),
    "staff_news_approve": Rule(STAFF_POST, pk("pending_article"), "post"),
    "staff_news_reject": Rule(STAFF_POST, pk("pending_article"), "post"),
    "api-news-list": Rule(API_PUBLIC),
    "api-news-detail": Rule(API_PUBLIC, pk("article")),
    # --- honours and industry chains (the awards of "member")
    "honours": Rule(PUBLIC),
    "member_awards": Rule(REP_ONLY),
    "member_award_create": Rule(REP_ONLY),
    "staff_award_list": Rule(STAFF_PAGE),
    "staff_award_create": Rule(STAFF_PAGE),
    "staff_award_confirm": Rule(STAFF_POST, pk("pending_award"), "post"),
    "award_evidence": Rule(MEMBER_OBJECT, pk("award")),
    "chain_map": Rule(MEMBERS_ONLY),
    "staff_accreditation_readiness": Rule(STAFF_PAGE),
    "award-list": Rule(API_PUBLIC),
    "award-detail": Rule(API_PUBLIC, pk("award")),
    "award-confirm": Rule(API_STAFF_POST, pk("pending_award"), "post"),
    "chain-list": Rule(API_MEMBERS_ONLY),
    "chain-detail": Rule(API_MEMBERS_ONLY, pk("chain")),
    "chain-placements": Rule(API_STAFF_POST, pk("chain"), "post"),
    "chain-leaders": Rule(API_STAFF_POST, pk("chain"), "post"),
    # --- council, document library ("members_document" for members, "staff_document" for the
    # secretariat's governance readers) and the site's texts
    "council": Rule(PUBLIC),
    "staff_council": Rule(STAFF_PAGE),
    "staff_term_create": Rule(STAFF_PAGE),
    "staff_term_edit": Rule(STAFF_PAGE, pk("term")),
    "council-term-list": Rule(API_PUBLIC),
    "council-term-detail": Rule(API_PUBLIC, pk("term")),
    "library": Rule(PUBLIC),
    "document_detail": Rule(MEMBERS_DOCUMENT, pk("members_document")),
    "document_file": Rule(NOT_SHOWN, lambda world: {"pk": world["staff_document"].pk, "number": 1}),
    "staff_library": Rule(STAFF_PAGE),
    "staff_document_create": Rule(STAFF_PAGE),
    "staff_document_edit": Rule(STAFF_PAGE, pk("members_document")),
    "staff_version_upload": Rule(STAFF_PAGE, pk("members_document")),
    "staff_folder_create": Rule(STAFF_PAGE),
    "library-document-list": Rule(API_PUBLIC),
    "library-document-detail": Rule(MEMBERS_DOCUMENT, pk("members_document")),
    "staff_site": Rule(STAFF_PAGE),
    "staff_site_profile": Rule(STAFF_PAGE),
    "staff_site_text": Rule(STAFF_PAGE, lambda world: {"key": "footer"}),
    # --- meetings and events (an event open to every account; "applicant" is registered)
    "event_list": Rule(ANY_LOGGED_IN),
    "event_detail": Rule(ANY_LOGGED_IN, pk("event")),
    "event_register": Rule({**everyone(DONE), "anonymous": LOGIN}, pk("event"), "post"),
    "event_ics": Rule(ANY_LOGGED_IN, pk("event")),
    "event_document": Rule(
        ANY_LOGGED_IN, lambda world: {"pk": world["event"].pk, "what": "minutes"}
    ),
    "event_ticket": Rule(OWNER_OR_STAFF_TICKET, lambda world: {"code": world["ticket"].code}),
    "event_cancel": Rule(
        {**everyone(404), "anonymous": LOGIN, "applicant": DONE, "staff": DONE},
        lambda world: {"code": world["ticket"].code},
        "post",
    ),
    "staff_event_list": Rule(STAFF_PAGE),
    "staff_event_create": Rule(STAFF_PAGE),
    "staff_event_detail": Rule(STAFF_PAGE, pk("event")),
    "staff_event_edit": Rule(STAFF_PAGE, pk("event")),
    "staff_event_check_in": Rule(STAFF_PAGE, pk("event")),
    "staff_event_attendance": Rule(STAFF_PAGE, pk("event")),
    "staff_event_documents": Rule(STAFF_POST, pk("event"), "post"),
    "staff_event_invite": Rule(STAFF_POST, pk("event"), "post"),
    "calendar": Rule(ANY_LOGGED_IN),
    "calendar_renew": Rule({**everyone(302), "anonymous": LOGIN}, method="post"),
    # the private feed: whoever holds the address, as calendar programs do
    "calendar_feed": Rule(PUBLIC, lambda world: {"token": world["feed"].token}),
    "event-list": Rule(API_LIST),
    "event-detail": Rule(API_LIST, pk("event")),
    "event-registrations": Rule(API_LIST, pk("event")),
    "event-check-in": Rule(API_STAFF_POST, pk("event"), "post"),
}


MEMBERS_READ = ("member_affairs", "auditor")
MEMBERS_WRITE = ("member_affairs",)
NOTICES_READ = ("member_affairs", "auditor")
NOTICES_WRITE = ("member_affairs",)
PROJECTS_READ = ("projects", "auditor")
PROJECTS_WRITE = ("projects",)
REVIEW_READ = ("enrollment_reviewer", "auditor")
REVIEW_WRITE = ("enrollment_reviewer",)
REPORTS_READ = ("reports", "auditor")
REPORTS_WRITE = ("reports",)
GOVERNANCE_READ = ("auditor",)
EVENTS_READ = ("member_affairs", "auditor")
EVENTS_WRITE = ("member_affairs",)
ALL_STAFF = ("staff", *ROLES)  # the dashboard: any is_staff user

# URL name -> the roles besides the secretary-general that get the rule's `staff` answer.
# A name missing here is the secretary-general's alone.
GRANTED: dict[str, tuple[str, ...]] = {
    "staff_tokens": ALL_STAFF,  # each its own token
    "staff_token_issue": ALL_STAFF,
    "staff_token_revoke": ("staff",),  # the plain staff user's own token
    "staff_audit": ("auditor",),
    "staff_audit_csv": ("auditor",),
    "staff_dashboard": ALL_STAFF,
    # the people registry: read by who reads members, kept by who changes them
    "staff_people": MEMBERS_READ,
    "member_people": MEMBERS_READ,
    "person-list": MEMBERS_READ,
    "person-detail": MEMBERS_READ,
    "person-role-list": MEMBERS_READ,
    "person-role-detail": MEMBERS_READ,
    "person_detail": MEMBERS_READ,
    "person_create": MEMBERS_WRITE,
    "person_edit": MEMBERS_WRITE,
    "role_create": MEMBERS_WRITE,
    "role_edit": MEMBERS_WRITE,
    "people_import": MEMBERS_WRITE,
    "people_import_confirm": MEMBERS_WRITE,
    "people_import_template": MEMBERS_WRITE,
    "staff_person_confirm": MEMBERS_WRITE,
    # honours and chains: read by who reads members, kept by who changes them
    "award-confirm": MEMBERS_WRITE,
    "award_evidence": MEMBERS_READ,
    "chain-detail": MEMBERS_READ,
    "chain-list": MEMBERS_READ,
    "chain-leaders": MEMBERS_WRITE,
    "chain-placements": MEMBERS_WRITE,
    "chain_map": MEMBERS_READ,
    "staff_award_confirm": MEMBERS_WRITE,
    "staff_award_create": MEMBERS_WRITE,
    "staff_award_list": MEMBERS_READ,
    "staff_accreditation_readiness": ("reports", "auditor"),
    # meetings and events: run by member affairs, read by the auditor
    "event_ticket": EVENTS_READ,
    "event_cancel": EVENTS_WRITE,
    "staff_event_list": EVENTS_READ,
    "staff_event_create": EVENTS_WRITE,
    "staff_event_detail": EVENTS_READ,
    "staff_event_edit": EVENTS_WRITE,
    "staff_event_check_in": EVENTS_WRITE,
    "staff_event_attendance": EVENTS_READ,
    "staff_event_documents": EVENTS_WRITE,
    "staff_event_invite": EVENTS_WRITE,  # member affairs also write notices
    "event-check-in": EVENTS_WRITE,
    # scan-to-apply posters: whoever works on the intakes' applications
    "staff_intake_poster": ("enrollment_reviewer", "auditor"),
    "staff_intake_qr": ("enrollment_reviewer", "auditor"),
    "member_detail": MEMBERS_WRITE,
    "member_review": MEMBERS_WRITE,
    "member_certificate": MEMBERS_WRITE,
    "staff_review_list": MEMBERS_READ,
    "staff_review_open": MEMBERS_WRITE,
    "staff_review_detail": MEMBERS_READ,
    "staff_review_remind": MEMBERS_WRITE,
    "staff_review_decide": MEMBERS_WRITE,
    "staff_certificate_revoke": MEMBERS_WRITE,
    "member_profile_edit": MEMBERS_WRITE,
    "member_contacts_edit": MEMBERS_WRITE,
    "member_logo": MEMBERS_WRITE,
    "staff_individual_list": MEMBERS_READ,
    "staff_individual_decide": MEMBERS_WRITE,
    "staff_member_list": MEMBERS_READ,
    "staff_member_create": MEMBERS_WRITE,
    "staff_member_import": MEMBERS_WRITE,
    "staff_member_import_confirm": MEMBERS_WRITE,
    "staff_member_import_template": MEMBERS_WRITE,
    "staff_member_export": MEMBERS_READ,  # organisations only, no personal data
    "staff_member_quiet": MEMBERS_READ,
    "staff_member_detail": MEMBERS_READ,
    "staff_member_edit": MEMBERS_WRITE,
    "staff_member_suspend": MEMBERS_WRITE,
    "staff_member_reinstate": MEMBERS_WRITE,
    "staff_member_leave": MEMBERS_WRITE,
    "staff_member_delete": MEMBERS_WRITE,
    "staff_pending_change_approve": MEMBERS_WRITE,
    "staff_pending_change_reject": MEMBERS_WRITE,
    "staff_representative_remove": MEMBERS_WRITE,
    "staff_member_invite": MEMBERS_WRITE,
    "staff_application_approve": MEMBERS_WRITE,
    "staff_application_reject": MEMBERS_WRITE,
    "member-detail": MEMBERS_READ,
    "member-representatives": MEMBERS_WRITE,
    "staff_project_list": PROJECTS_READ,
    "staff_project_board": PROJECTS_READ,
    "staff_project_create": PROJECTS_WRITE,
    "staff_project_detail": PROJECTS_READ,
    "staff_project_edit": PROJECTS_WRITE,
    "staff_project_move": PROJECTS_WRITE,
    "staff_project_agreement": PROJECTS_WRITE,
    "staff_project_event": PROJECTS_WRITE,
    "staff_project_class_create": PROJECTS_WRITE,
    "staff_project_class_edit": PROJECTS_WRITE,
    "project_document": PROJECTS_READ,
    "staff_plan_list": PROJECTS_READ,
    "staff_plan_create": PROJECTS_WRITE,
    "staff_plan_detail": PROJECTS_READ,
    "staff_plan_edit": PROJECTS_WRITE,
    "staff_plan_task_create": PROJECTS_WRITE,
    "staff_plan_task_edit": PROJECTS_WRITE,
    "member_projects": PROJECTS_READ,
    "member_offers": PROJECTS_READ,
    "member_offer_create": PROJECTS_WRITE,
    "member_offer_edit": PROJECTS_WRITE,
    "internship_pool": PROJECTS_READ,
    "internship_offer": PROJECTS_READ,
    "internship_place": PROJECTS_WRITE,
    "placement_rate": PROJECTS_WRITE,
    "shared_resources": PROJECTS_READ,
    "resource_create": PROJECTS_WRITE,
    "resource_edit": PROJECTS_WRITE,
    "project-list": PROJECTS_READ,
    "project-detail": PROJECTS_READ,
    "project-move": PROJECTS_WRITE,
    "internship-offer-list": PROJECTS_READ,
    "internship-offer-detail": PROJECTS_READ,
    "work-plan-list": PROJECTS_READ,
    "work-plan-detail": PROJECTS_READ,
    "work-plan-task-list": PROJECTS_READ,
    "work-plan-task-detail": PROJECTS_READ,
    "shared-resource-list": PROJECTS_READ,
    "shared-resource-detail": PROJECTS_READ,
    # enrollment: the reviewer reviews the world's intake; documents, intakes and the roster
    # (personal data) are the secretary-general's.
    "staff_enrollment": REVIEW_READ,
    "staff_queue": REVIEW_READ,
    "staff_bulk": REVIEW_WRITE,
    "staff_application": REVIEW_READ,
    "staff_application_action": REVIEW_WRITE,
    "staff_waitlist": REVIEW_READ,
    "staff_waitlist_move": REVIEW_WRITE,
    "staff_letter_revoke": REVIEW_WRITE,
    "application-detail": REVIEW_READ,  # masked for them
    "application-approve": REVIEW_WRITE,
    "application-enrol": REVIEW_WRITE,
    "application-reject": REVIEW_WRITE,
    "application-return-": REVIEW_WRITE,
    "staff_reports": REPORTS_READ,
    "staff_network": REPORTS_READ,
    "staff_report_draft": REPORTS_WRITE,
    "staff_report_generate": REPORTS_WRITE,
    "staff_report_retry": REPORTS_WRITE,
    "staff_report_file": REPORTS_READ,
    "api_annual_report-list": REPORTS_READ,
    "api_annual_report-detail": REPORTS_READ,
    "api_annual_report-file": REPORTS_READ,
    "api_annual_report-retry": REPORTS_WRITE,
    "staff_frozen_years": REPORTS_READ,
    "staff_year_freeze": REPORTS_WRITE,
    "staff_year_snapshot": REPORTS_READ,
    "staff_trends": REPORTS_READ,
    "staff_datacall_list": REPORTS_READ,
    "staff_datacall_create": REPORTS_WRITE,
    "staff_datacall_detail": REPORTS_READ,
    "staff_datacall_close": REPORTS_WRITE,
    "staff_return_detail": REPORTS_READ,
    "staff_return_accept": REPORTS_WRITE,
    "staff_return_send_back": REPORTS_WRITE,
    "staff_figure_settle": REPORTS_WRITE,
    "staff_data_quality": REPORTS_READ,
    "member_returns": REPORTS_READ,
    "member_return_edit": REPORTS_READ,
    "datacall-list": REPORTS_READ,
    "datacall-detail": REPORTS_READ,
    "datacall-close": REPORTS_WRITE,
    "datareturn-detail": REPORTS_READ,
    "datareturn-accept": REPORTS_WRITE,
    "datareturn-return-": REPORTS_WRITE,
    "staff_notice_list": NOTICES_READ,
    "staff_notice_create": NOTICES_WRITE,
    "staff_reminders": NOTICES_READ,
    "staff_notice_detail": NOTICES_READ,
    "staff_notice_edit": NOTICES_WRITE,
    "staff_notice_send": NOTICES_WRITE,
    "staff_notice_schedule": NOTICES_WRITE,
    "staff_notice_unschedule": NOTICES_WRITE,
    "staff_notice_export": NOTICES_WRITE,  # recipients' e-mail: the export permission
    "staff_notice_retry": NOTICES_WRITE,
    "staff_notice_attachment": NOTICES_READ,
    "staff_news_list": NOTICES_READ,
    "staff_news_create": NOTICES_WRITE,
    "staff_news_edit": NOTICES_WRITE,
    "staff_news_approve": NOTICES_WRITE,
    "staff_news_reject": NOTICES_WRITE,
    # council, documents and site texts: the auditor reads; the secretary-general changes
    "staff_council": GOVERNANCE_READ,
    "document_detail": GOVERNANCE_READ,
    "document_file": GOVERNANCE_READ,
    "library-document-detail": GOVERNANCE_READ,
    "staff_library": GOVERNANCE_READ,
    "staff_site": GOVERNANCE_READ,
}


def expected(name: str, user: str):
    rule = ACCESS[name]
    if user in ("secretary_general", *GRANTED.get(name, ())):
        return rule.expect["staff"]
    if user == "staff" or user in ROLES:
        return rule.expect["other_applicant"]
    return rule.expect[user]


def test_granted_roles_are_known_and_their_urls_exist():
    assert not set(GRANTED) - set(ACCESS)
    assert {role for roles in GRANTED.values() for role in roles} <= set(ALL_STAFF)


def our_url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= our_url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            if module.startswith(OUR_MODULES):
                names.add(namespace + pattern.name)
    return names


def test_every_url_has_an_access_entry():
    missing = sorted(our_url_names() - set(ACCESS))
    assert not missing, f"Add these URL names to ACCESS in {__file__}: {missing}"


@pytest.fixture
def world(db, settings, tmp_path) -> dict:
    """Objects of one member and one applicant that none of the other four users may reach."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path
    member, other_member = MemberFactory(show_in_showcase=False), MemberFactory()
    member.logo.save("logo.png", ContentFile(PNG))
    school = MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL)
    users = {
        "applicant": UserFactory(),
        "other_applicant": UserFactory(),
        "other_rep": RepresentativeFactory(member=other_member).user,
        "staff": StaffFactory(roles=[]),
        **{role: StaffFactory(roles=[role]) for role in ROLES},
    }
    representative = RepresentativeFactory(member=member)
    project = ProjectFactory()
    project.agreement_document.save("agreement.pdf", ContentFile(b"%PDF-1.4 agreement"))
    ParticipantFactory(project=project, member=member)
    ParticipantFactory(project=project, member=school)
    offer = OfferFactory(member=member)
    plan = WorkPlanFactory()
    intake = IntakeFactory()
    intake.reviewers.add(users["enrollment_reviewer"])
    application = ApplicationFactory(intake=intake, applicant=users["applicant"])
    document = Document.objects.create(
        application=application,
        kind=DocumentKind.ID_FRONT,
        file=ContentFile(b"%PDF-1.4 secret", name="id.pdf"),
        original_name="id.pdf",
        content_type="application/pdf",
        size=15,
    )
    question = Question.objects.create(intake=intake, kind=Question.Kind.FILE, label_zh="社保证明")
    answer = Answer.objects.create(
        application=application,
        question=question,
        file=ContentFile(b"%PDF-1.4 insured", name="insured.pdf"),
        original_name="insured.pdf",
        content_type="application/pdf",
        size=16,
    )
    notice = NoticeFactory(status=Notice.Status.SENT, released_at=timezone.now())
    attachment = Attachment.objects.create(
        notice=notice, file=ContentFile(b"minutes", name="minutes.txt")
    )
    job = AnnualReportJob.objects.create(year=2025, status=AnnualReportJob.Status.DONE)
    job.xlsx.save("report.xlsx", ContentFile(b"PK report"))
    joining = MemberFactory(status=Member.Status.APPLYING)
    JoinApplication.objects.create(
        member=joining,
        organisation_name=joining.name,
        applicant=UserFactory(),
        contact_name="赵六",
        contact_phone="13900139000",
    )
    data_call = DataCall.objects.create(year=2024, deadline=date(2030, 1, 15))
    member_return = MemberReturn.objects.create(call=data_call, member=member, form="enterprise")
    MemberReturn.objects.create(call=data_call, member=other_member, form="enterprise")
    figure = ProjectFigure.objects.create(
        call=data_call,
        project=project,
        what=ProjectFigure.What.ORDER_CLASS,
        recorded_value=25,
        school=school,
        enterprise=member,
    )
    review = Review.objects.create(year=2025, deadline=date(2030, 1, 31))
    review_entry = ReviewEntry.objects.create(
        review=review, member=member, result=ReviewEntry.Result.PASSED
    )
    person = Person.objects.create(
        member=member, full_name="王工程师", phone="13912345678", id_number="441900199003070024"
    )
    role = Role.objects.create(
        person=person, kind=Role.Kind.INTERN, partner=member, starts_on=date(2025, 7, 1)
    )
    event = EventFactory(capacity=10, minutes=ContentFile(b"%PDF-1.4 minutes", name="minutes.pdf"))
    return {
        "review": review,
        "review_entry": review_entry,
        "certificate": certificate_issue(member=member),
        "event": event,
        "ticket": event_services.register(event=event, by=users["applicant"], name="王明"),
        "feed": event_services.feed_for(users["other_rep"]),
        "person": person,
        "role": role,
        "data_call": data_call,
        "member_return": member_return,
        "figure": figure,
        # What only "applicant" and staff may ever see, on any page or endpoint.
        "secrets": [
            application.id_number,
            application.phone,
            application.full_name,
            users["applicant"].email,
            person.phone,
            person.id_number,
        ],
        "users": users,
        "member": member,
        "other_member": other_member,
        "representative": representative,
        "individual": IndividualMember.objects.create(
            user=UserFactory(), full_name="李四", phone="13800138000"
        ),
        "project": project,
        "project_class": ProjectClass.objects.create(project=project, name="模具订单班"),
        "offer": offer,
        "placement": Placement.objects.create(
            offer=offer, school=school, students=3, placed_on=date(2025, 7, 1)
        ),
        "plan": plan,
        "task": PlanTaskFactory(plan=plan),
        "resource": SharedResource.objects.create(
            member=member,
            kind=SharedResource.Kind.EQUIPMENT,
            name="五轴加工中心",
            contact_name="王工",
        ),
        "intake": intake,
        "application": application,
        **_enrolled(users["applicant"], users["enrollment_reviewer"]),
        "document": document,
        "question": question,
        "answer": answer,
        "job": job,
        "snapshot": year_freeze(year=2024, by=users["staff"], reason="年度征集已结束"),
        "joining": joining,
        "notice": notice,
        "draft_notice": NoticeFactory(),
        "attachment": attachment,
        "delivery": Delivery.objects.create(notice=notice, user=users["applicant"]),
        "article": ArticleFactory(cover=ContentFile(PNG, name="cover.png")),
        "pending_article": ArticleFactory(status=Article.Status.PENDING, member=member),
        "award": _award(member),
        "pending_award": AwardFactory(status=Award.Status.PENDING),
        "chain": ChainFactory(),
        "term": Term.objects.create(
            position=Term.Position.DIRECTOR,
            member=other_member,
            delegate="陈志强",
            starts_on=date(2024, 10, 18),
        ),
        "members_document": make_document(title="理事会纪要", access=Access.MEMBERS),
        "staff_document": make_document(title="申报书", access=Access.STAFF),
    }


def _enrolled(applicant, reviewer) -> dict:
    """An enrolled application of "applicant" (another intake, also reviewed by the reviewer),
    with its admission letter."""
    intake = IntakeFactory()
    intake.reviewers.add(reviewer)
    enrolled = ApplicationFactory(
        intake=intake, applicant=applicant, status=Application.Status.ENROLLED
    )
    letter = letter_issue(application=enrolled)
    return {"letters_intake": intake, "enrolled_application": enrolled, "letter": letter}


def _award(member) -> Award:
    award = AwardFactory(evidence=ContentFile(b"%PDF-1.4 certificate", name="certificate.pdf"))
    award.members.add(member)
    return award


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def accepted(expected) -> set[int]:
    return expected if isinstance(expected, set) else {expected}


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_user_gets_the_expected_answer(name, world, client):
    from django.urls import reverse

    rule = ACCESS[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    answers, allowed = {}, {}
    done_by_an_earlier_user = False
    for user in USERS:
        allowed[user] = accepted(expected(name, user))
        if done_by_an_earlier_user and allowed[user] == accepted(rule.expect["staff"]):
            allowed[user] = allowed[user] | {404}  # e.g. the representative is removed already
        client.logout()
        if user != "anonymous":
            client.force_login(world["users"][user])
        send = getattr(client, rule.method)
        if rule.method == "get":
            response = send(url)
        elif url.startswith("/api/"):
            response = send(url, rule.data or {}, content_type="application/json")
        else:
            response = send(url, rule.data or {})  # a form post
        answers[user] = response.status_code
        if rule.method == "post" and response.status_code < 400 and user in ALL_STAFF:
            done_by_an_earlier_user = True
        if user not in ("applicant", "secretary_general") and not response.streaming:
            body = response.content.decode(errors="replace")
            # Reviewers and the auditor read names; nobody but these two reads the numbers.
            secrets = world["secrets"] if user in BASE_USERS else world["secrets"][:2]
            seen = [secret for secret in secrets if secret in body]
            assert not seen, f"{name} {url} shows {user} the applicant's {seen}"
        # A file response holds its file open until closed; closing signals request_finished,
        # which must not close the test's DB connection (the test client does the same).
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    wrong = {u: s for u, s in answers.items() if s not in allowed[u]}
    assert not wrong, f"{name} {url}: got {answers}, expected { ({u: allowed[u] for u in wrong}) }"
