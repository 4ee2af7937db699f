"""One settings module, driven by the environment (django-environ).

Defaults give a working development portal: SQLite in the project folder, tasks run in-process
after commit when REDIS_URL is unset, mail printed on the console.
"""

import datetime
from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from assessments.vocabulary import ItemGroup, Status
from betterwork.core.version import __version__
from differentiation.vocabulary import Group, RequestStatus
from factories.vocabulary import BuyerStage, Stage

django_stubs_ext.monkeypatch()  # lets admin.ModelAdmin[Model] and friends be subscripted

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
# A checkout given no configuration at all (no DJANGO_DEBUG, no secret, no .env) is a developer's:
# manage.py works in it as `make run` does. Production says DJANGO_DEBUG=0 (the image and
# .env.example do) and then must give a secret.
DEBUG = env.bool("DJANGO_DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's form templates, for PortalFormRenderer (betterwork/core/forms.py)
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "django_htmx",
    "axes",
    "csp",
    "factories",
    "assessments",
    "differentiation",
    "workspace",
    "buyer_portal",
    "betterwork.tooling",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the session, the locale and the user: a signed-in user's preferred language.
    "factories.languages.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "betterwork.core.version.version_header",
]

ROOT_URLCONF = "betterwork.urls"
WSGI_APPLICATION = "betterwork.wsgi.application"

# Every form field renders through templates/forms/field.html (labels, help texts, errors).
FORM_RENDERER = "betterwork.core.forms.PortalFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # LANGUAGE_CODE and LANGUAGE_BIDI for <html lang dir> (Arabic reads right to left)
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "betterwork.context_processors.role",
                "betterwork.context_processors.vocabulary",
                "betterwork.context_processors.version",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer instead of failing at once when the in-process tasks and a request meet.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database host that does not answer fails in seconds (/health/ says 503), not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# The cache (the API's throttling counters) may live in a Redis of its
# own that evicts (allkeys-lru), so that it never fills the broker's memory; default: REDIS_URL.
CACHE_URL = env.str("CACHE_URL", default="") or REDIS_URL
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            # A cache that hangs must not hang the page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: Django's password-changed hook, which deletes the user's API tokens.
    {"NAME": "betterwork.core.credentials.RevokeTokensOnPasswordChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-guardian: no anonymous user, and global permissions never widen object scope.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# The client's address (betterwork.core.credentials.client_ip): the connection's, or behind a reverse
# proxy the one it writes into this header (X-Forwarded-For), counting TRUSTED_PROXY_COUNT
# proxies from the right. Set it only behind a proxy: a client can send the header itself.
CLIENT_IP_HEADER = env.str("DJANGO_CLIENT_IP_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)

# django-axes: lock a username at an address out after repeated failed sign-ins (never a
# username alone: nobody can lock another person's account from elsewhere).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_CLIENT_IP_CALLABLE = "betterwork.core.credentials.client_ip"
AXES_LOCKOUT_CALLABLE = "betterwork.core.credentials.lockout_response"

# API tokens (django-rest-knox): hashed at rest, expiring, a bounded number per user.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=env.int("API_TOKEN_TTL_HOURS", default=10)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
API_TOKENS_PER_USER = 10

LANGUAGE_CODE = "en"
# The programme's languages, each named in itself (the language switcher shows these names).
LANGUAGES = [
    ("en", "English"),
    ("vi", "Tiếng Việt"),
    ("bn", "বাংলা"),
    ("km", "ខ្មែរ"),
    ("id", "Bahasa Indonesia"),
    ("ar", "العربية"),
    ("es", "Español"),
    ("fr", "Français"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Better Work <portal@betterwork.local>")
# The portal's address as its users reach it: links in e-mails are this plus the page's path.
PORTAL_URL = env.str("PORTAL_URL", default="http://localhost:8000")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's defaults, with a JSON parser that answers 400 to a body nested too deeply.
    "DEFAULT_PARSER_CLASSES": [
        "betterwork.core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # limit/offset, 100 a page by default, at most 500 (a larger limit is clamped).
    "DEFAULT_PAGINATION_CLASS": "betterwork.core.api.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "betterwork.core.api.exception_handler",
    # Sign-in attempts per client address (betterwork.token_api.SignInThrottle).
    "DEFAULT_THROTTLE_RATES": {
        "auth-token": env.str("API_TOKEN_THROTTLE_RATE", default="10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Better Work differentiation portal API",
    "DESCRIPTION": "Factories, assessments, progress reports, differentiation and buyer access.",
    "VERSION": "1.0.0",
    # The API's contract is v1 (VERSION); the portal's release is sent too (docs/api.md).
    "EXTENSIONS_INFO": {"x-portal-version": __version__},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files (the CSP allows 'self' only), its script served apart.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # One name per choice set used under several field names.
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": Stage.choices,
        "BuyerStageEnum": BuyerStage.choices,
        # A factory's stage as the factory and differentiation endpoints show it: buyers see
        # the decision (high_performing / not_high_performing), everyone else the stage.
        "DifferentiationStageEnum": [*Stage.choices, *BuyerStage.choices[1:]],
        "RecordStatusEnum": Status.choices,
        "RequestStatusEnum": RequestStatus.choices,
        "ProgressItemGroupEnum": ItemGroup.choices,
        "CriterionGroupEnum": Group.values,
    },
}

# Celery: Redis when REDIS_URL is set; otherwise every task runs in-process (eagerly).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "evaluation-sweep": {
        "task": "differentiation.tasks.sweep_unevaluated",
        "schedule": env.int("EVALUATION_SWEEP_SECONDS", default=300),
    },
    # Formal notes of approved grants not delivered 10 minutes after the decision.
    "note-sweep": {
        "task": "differentiation.tasks.sweep_undelivered_notes",
        "schedule": env.int("NOTE_SWEEP_SECONDS", default=900),
    },
    "quarterly-supplier-overview": {
        "task": "buyer_portal.tasks.produce_quarterly_overviews",
        "schedule": crontab(minute=30, hour=0, day_of_month=1, month_of_year="1,4,7,10"),
    },
}

# Security: strict by default outside DEBUG; check --deploy is clean with the production env.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# On unless explicitly disabled (DJANGO_SECURE_SSL_REDIRECT=0), e.g. for a server on loopback.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO; its warnings (a missing glyph) stay.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The programme's own settings.
# Publishing to a broker that is down gives up quickly: the request succeeds and the sweep
# re-drives the work (betterwork.core.tasks.enqueue_on_commit).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
