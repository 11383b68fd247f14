"""Settings for vetgroup: one file, read from the environment.

Embedded defaults need no server (SQLite, a filesystem Celery broker, mail written to a folder);
DATABASE_URL and CELERY_BROKER_URL switch to PostgreSQL and Redis.
"""

import sys
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("VETGROUP_DATA_DIR", default=str(BASE_DIR / "data")))
DEBUG = env.bool("DEBUG", default=False)
# Under pytest (or a worker a test starts) the suite runs with safe local defaults.
TESTING = env.bool("VETGROUP_TESTING", default="pytest" in sys.modules)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY (required when DEBUG is off).")
    SECRET_KEY = "insecure-local-only-key-for-debug-and-tests"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.weixin",
    "allauth.mfa",
    "simple_history",
    "core",
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
    "sms",
    "outbox",
    "honours",
    "documents",
    "council",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChineseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.broker.BrokerOutageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.StaffIdleTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "audit.context.AuditContextMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.RefusedDeleteMiddleware",
]

ROOT_URLCONF = "vetgroup.urls"
WSGI_APPLICATION = "vetgroup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "website.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'vetgroup.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if TESTING else 60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server and the Celery worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits (allauth's on login, sign-up and password reset) count in the cache: with several
# web processes, point CACHE_URL at Redis so they share one count.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "accounts.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Phone-first (allauth's phone support, accounts.adapter): applicants sign up with a mainland
# mobile number verified by a 6-digit SMS code, or with an e-mail address; staff and
# representatives keep logging in by username or e-mail. Sign-up asks for a number or an e-mail
# (accounts.forms.PhoneSignupForm): both are optional to allauth, since a required phone would
# stop every user without one (staff) at allauth's phone stage and a required e-mail would
# shut out phone-only applicants. allauth then warns (W001) and allows only "optional" e-mail
# verification; accounts.stages makes it mandatory for everyone without a verified number.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_LOGIN_METHODS = {"email", "username", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
ACCOUNT_FORMS = {
    "signup": "accounts.forms.PhoneSignupForm",
    "verify_phone": "accounts.forms.PhoneVerifyForm",
    "confirm_login_code": "accounts.forms.LoginCodeForm",
    "request_login_code": "accounts.forms.PhoneLoginCodeRequestForm",
}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = 3
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = 3
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_EMAIL_VERIFICATION = "optional"  # mandatory unless phone-verified: accounts.stages
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("EMAIL_SUBJECT_PREFIX", default="[职教集团] ")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Staff log in with a second factor (TOTP): on by default in production, off in tests and debug.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=not DEBUG and not TESTING)
# Staff API tokens stop working this many days after they were issued.
STAFF_TOKEN_DAYS = env.int("STAFF_TOKEN_DAYS", default=30)
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/180s/key",
    # SMS codes (key: the phone number): one a minute per number, a few per hour and day, and
    # per IP so one machine cannot walk through numbers, yet a factory's workers signing up
    # together behind one address (or a carrier's NAT) are not stopped. The send button counts
    # down 60 s. SMS_DAILY_LIMIT bounds the cost of whatever gets through.
    "verify_phone": "1/60s/key,5/h/key,10/d/key,60/h/ip,300/d/ip",
    "request_login_code": "1/60s/key,5/h/key,10/d/key,60/h/ip,300/d/ip",
    # core.ratelimit: per user (a keyed hash of the id), since applicants share networks.
    "application_submit": "10/m/key,60/h/key",
}
# Login with WeChat (allauth's weixin provider), offered only once the group's app on the WeChat
# Open Platform is configured. Inside the WeChat app set WECHAT_AUTHORIZE_URL to
# https://open.weixin.qq.com/connect/oauth2/authorize (an Official Account's web login).
WECHAT_APP_ID = env.str("WECHAT_APP_ID", default="")
WECHAT_APP_SECRET = env.str("WECHAT_APP_SECRET", default="")
WECHAT_AUTHORIZE_URL = env.str(
    "WECHAT_AUTHORIZE_URL", default="https://open.weixin.qq.com/connect/qrconnect"
)
SOCIALACCOUNT_PROVIDERS = {
    "weixin": {
        "AUTHORIZE_URL": WECHAT_AUTHORIZE_URL,
        "SCOPE": [
            "snsapi_userinfo" if "oauth2/authorize" in WECHAT_AUTHORIZE_URL else "snsapi_login"
        ],
        "APPS": (
            [{"client_id": WECHAT_APP_ID, "secret": WECHAT_APP_SECRET}]
            if WECHAT_APP_ID and WECHAT_APP_SECRET
            else []
        ),
    }
}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="秘书处 <secretariat@vetgroup.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Text messages (sms.backends): empty = one file per message in <data dir>/sms/.
SMS_URL = env.str("SMS_URL", default="")
SMS_SIGN_NAME = env.str("SMS_SIGN_NAME", default="职教集团")
# Messages a day for the whole portal; past it nothing is sent and staff are told.
SMS_DAILY_LIMIT = env.int("SMS_DAILY_LIMIT", default=500)
# Staff alerts also go to this WeCom (企业微信) group robot when set.
WECOM_WEBHOOK_URL = env.str("WECOM_WEBHOOK_URL", default="")

CELERY_DATA_DIR = DATA_DIR / "celery"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    _default_result_backend = f"file://{CELERY_DATA_DIR / 'results'}"
else:
    # A task running past Redis' visibility timeout is delivered again; ours are short,
    # but report generation gets a generous margin.
    # Short connect timeouts: a request that queues work while Redis is down waits seconds,
    # not minutes (core.broker publishes once and leaves the rest to the sweepers).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 4 * 3600,
        "socket_connect_timeout": 2,
    }
    _default_result_backend = CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_result_backend)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "audit-purge-expired": {"task": "audit.purge_expired", "schedule": 24 * 3600.0},
    "accounts-purge-expired-tokens": {
        "task": "accounts.purge_expired_tokens",
        "schedule": 3600.0,
    },
    "requeue-stuck-annual-reports": {
        "task": "reports.requeue_stuck_annual_reports",
        "schedule": 60.0,
    },
    "notices-dispatch": {"task": "notices.dispatch", "schedule": 60.0},
    "notices-reminders": {"task": "notices.send_reminders", "schedule": 6 * 3600.0},
    "enrollment-expire-offers": {"task": "enrollment.expire_offers", "schedule": 600.0},
    "council-sync-group-roles": {"task": "council.sync_group_roles", "schedule": 24 * 3600.0},
    # Every message of the portal: retries, interrupted sends, and those recorded while Redis
    # was down (see README "When Redis is down").
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
}
# Days an applicant offered a place from the waiting list has to accept it (an intake may set
# its own).
ENROLLMENT_OFFER_DAYS = env.int("ENROLLMENT_OFFER_DAYS", default=3)
# (month, day) from which members are reminded, once a year, to submit the year's data
# (notices.reminders.remind_data_call) when no data call is open.
NOTICES_DATA_CALL_DAY = (12, 1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that a request without credentials gets 401 with WWW-Authenticate.
        "accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "core.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.schema.PortalAutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "vetgroup API",
    "DESCRIPTION": "The REST API of the vocational education group portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models call a field "status" or "kind": name each choice set in the schema.
    "ENUM_NAME_OVERRIDES": {
        "MemberKindEnum": "members.models.Member.Kind",
        "MemberStatusEnum": "members.models.Member.Status",
        "ProjectKindEnum": "partnerships.models.Project.Kind",
        "ProjectStatusEnum": "partnerships.models.Project.Status",
        "ParticipantRoleEnum": "partnerships.models.Participant.Role",
        "PlanTaskStatusEnum": "partnerships.models.PlanTask.Status",
        "SharedResourceKindEnum": "partnerships.models.SharedResource.Kind",
        "ApplicationStatusEnum": "enrollment.models.Application.Status",
        "AnnualReportJobStatusEnum": "reports.models.AnnualReportJob.Status",
        "RoleKindEnum": "people.models.Role.Kind",
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts and style sheets only from the portal itself, an
# inline <script> or <style> only with the response's nonce, no inline event handlers.
# Style attributes stay allowed (style-src-attr): they cannot run script, and dozens of
# templates set a width or a colour that way. Images may come from https (news articles).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:", "https:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Resident ID and mobile numbers are masked in every log line (core.privacy, installed
# at start-up) and in every exception report: admin e-mails and the debug page.
DEFAULT_EXCEPTION_REPORTER = "core.privacy.MaskingExceptionReporter"

# Personal data at rest (enrollment.crypto); SECRET_KEY is used when unset. Keep it stable.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

GROUP_NAME = env.str("GROUP_NAME", default="东莞市模具（国际）职业教育集团")
MFA_TOTP_ISSUER = GROUP_NAME

if TESTING:
    # Hashing on purpose slow is no protection in tests, only a wait.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Audit entries older than this are deleted by the daily audit.purge_expired task.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=3 * 365)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 180 (six months of logs).")
# A filter select's empty choice reads "All" (全部), not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")
