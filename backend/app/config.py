"""One settings object, read from the environment and .env (see .env.example for every key)."""

import os
import secrets
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from limits import parse as parse_rate_limit
from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_JWT_SECRET = "change-me"  # noqa: S105 - the placeholder that production refuses
MIN_SECRET_BYTES = 32
# `livekit-server --dev`'s public key and secret: anyone can sign LiveKit webhooks with them.
LIVEKIT_DEV_API_KEY = "devkey"
LIVEKIT_DEV_API_SECRET = "secret"  # noqa: S105 - the public development secret production refuses


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=(REPO_ROOT / ".env", ".env"), env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "production"
    api_base_url: str = "http://127.0.0.1:8000"
    # Empty means: start (or reuse) the embedded PostgreSQL under .local/pgdata.
    database_url: str = ""
    embedded_pgdata: Path = REPO_ROOT / ".local" / "pgdata"
    db_pool_min_size: int = 2
    db_pool_max_size: int = 20

    jwt_secret: str = DEFAULT_JWT_SECRET
    jwt_expires_minutes: int = Field(default=15, ge=1, le=24 * 60)
    jwt_issuer: str = "wisdom-api"
    jwt_audience: str = "wisdom-app"

    # Refresh tokens (opaque, rotated on every use) live this many days after their last use.
    refresh_token_days: int = Field(default=30, ge=1, le=365)
    # Password reset tokens: one-time, valid this many minutes; the link in the mail.
    password_reset_minutes: int = Field(default=30, ge=5, le=24 * 60)
    password_reset_url: str = "http://127.0.0.1:8550/reset-password"  # noqa: S105 - a URL
    # The version of the terms a new account accepts (recorded in app.consents).
    terms_version: str = Field(default="2026-11-01", min_length=1, max_length=40)

    # Rate limits ("N/second|minute|hour", "N per 15 minutes"): a moving window per client IP
    # and per account (the e-mail address) and client, so nobody can use up the owner's
    # attempts. Counters live in memory, or in Redis when REDIS_URL is set so that several API
    # processes share them.
    redis_url: str = ""
    rate_limit_key_prefix: str = "wisdom"
    login_rate_limit_account: str = "5/minute"
    login_rate_limit_ip: str = "20/minute"
    # Failed sign-ins to one account from all clients; beyond it, only clients without a failure
    # on that account in the window may try (app/auth/service.py).
    login_rate_limit_account_failures: str = "10/15 minutes"
    password_reset_rate_limit_account: str = "3/15 minutes"  # noqa: S105 - not a secret
    password_reset_rate_limit_ip: str = "10/15 minutes"  # noqa: S105 - not a secret
    register_rate_limit_ip: str = "20/hour"

    stripe_publishable_key: str = ""
    stripe_merchant_display_name: str = "Wisdom by SoulWisdom"
    # Payments: PAYMENT_PROVIDER auto = stripe when STRIPE_SECRET_KEY is set, else the dummy
    # provider (a local checkout page; refused in production).
    payment_provider: Literal["auto", "stripe", "dummy"] = "auto"
    stripe_secret_key: str = ""
    stripe_webhook_secret: str = ""
    # Empty: Stripe's own API; tests point it at a local fake.
    stripe_api_base: str = ""
    # Comma-separated Checkout payment methods (swish can be added: "card,klarna,swish").
    stripe_payment_method_types: str = "card,klarna"
    stripe_timeout_seconds: float = Field(default=10.0, gt=0, le=80)
    stripe_max_network_retries: int = Field(default=2, ge=0, le=5)
    stripe_connect_country: str = Field(default="SE", pattern=r"^[A-Z]{2}$")
    # Signs the dummy provider's own webhook events (development and tests only).
    dummy_webhook_secret: str = "whsec_dummy_development_only"  # noqa: S105 - dummy provider only
    # Where Checkout returns; {ORDER_ID} is replaced by the order's id, {CHECKOUT_SESSION_ID} by
    # Stripe. The defaults are small pages served by this API.
    checkout_success_url: str = (
        "http://127.0.0.1:8000/payments/checkout/success?order_id={ORDER_ID}"
        "&session_id={CHECKOUT_SESSION_ID}"
    )
    checkout_cancel_url: str = (
        "http://127.0.0.1:8000/payments/checkout/canceled?order_id={ORDER_ID}"
    )
    # How long a pending order holds its price and a checkout session stays open (Stripe allows
    # 30 minutes to 24 hours).
    checkout_expires_minutes: int = Field(default=30, ge=30, le=24 * 60)
    # Stripe Connect onboarding returns here (refresh: the link expired, ask for a new one).
    payouts_return_url: str = "http://127.0.0.1:8000/payouts/onboarding/done"
    payouts_refresh_url: str = "http://127.0.0.1:8000/payouts/onboarding/refresh"

    # Mail: SMTP when SMTP_HOST is set; otherwise messages stay in app.mail_outbox (development).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    mail_from: str = "Wisdom <no-reply@wisdom.local>"
    mail_poll_seconds: float = Field(default=2.0, gt=0)
    # Seconds each API process keeps anonymous GET /services, /courses, /seminars and /teachers
    # pages (app/publiccache.py); a write through the process empties it. 0 turns it off.
    public_cache_seconds: float = Field(default=2.0, ge=0, le=60)
    # Seconds an API process may remember a signed-in caller's account and session
    # (app/authcache.py); changes reach it at once through NOTIFY. 0 turns it off.
    auth_cache_seconds: float = Field(default=30.0, ge=0, le=300)
    # Seconds an API process may keep a GET /feed page shared by viewers who see the same
    # (app/feed/cache.py); any change to the feed empties it through NOTIFY. 0 turns it off.
    feed_cache_seconds: float = Field(default=10.0, ge=0, le=300)
    # Background loops in the API process (mail delivery, reminders); tests drive them directly.
    run_background_tasks: bool = True
    # GET /feed/stream: seconds between heartbeat comments that keep proxies from closing it.
    feed_heartbeat_seconds: float = Field(default=15.0, gt=0, le=300)
    # Per user: wall posts, comments and reports together; direct messages sent.
    community_write_rate_limit: str = "30/minute"
    message_rate_limit: str = "60/minute"
    # GET /me/export per user (each builds a zip of all their data and files).
    privacy_export_rate_limit: str = "5/hour"

    # LiveKit (seminar video): without these, the `livekit-server --dev` defaults (whose key
    # and secret production refuses).
    livekit_url: str = "ws://127.0.0.1:7880"
    livekit_api_key: str = LIVEKIT_DEV_API_KEY
    livekit_api_secret: str = LIVEKIT_DEV_API_SECRET
    # Joining opens this many minutes before a seminar starts; tokens live at most 15 minutes.
    sfu_join_early_minutes: int = Field(default=15, ge=0, le=24 * 60)
    sfu_token_ttl_minutes: int = Field(default=15, ge=1, le=15)
    # The web room page; the join link carries url, token and name in its fragment.
    room_page_url: str = "http://127.0.0.1:3000/room"
    # How often (seconds) the API process sends due seminar reminders and moves on expired offers.
    reminder_poll_seconds: float = Field(default=60.0, gt=0)
    # How often (seconds) the API process releases booking holds whose checkout ran out unpaid.
    booking_sweep_seconds: float = Field(default=60.0, gt=0)
    # How often (seconds) the API process asks the payment provider about checkouts pending past
    # their expiry and about events its webhooks may not have delivered (app/payments/reconcile.py).
    payment_reconcile_seconds: float = Field(default=600.0, gt=0)

    # Media store: local disk under MEDIA_ROOT, or an S3-compatible bucket when S3_BUCKET is set.
    media_root: Path = REPO_ROOT / ".local" / "media"
    media_max_bytes: int = Field(default=200 * 1024 * 1024, ge=1024)
    # Types decided from a file's bytes (never its name); anything else is refused with 415.
    media_allowed_types: Annotated[list[str], NoDecode] = [
        "image/jpeg",
        "image/png",
        "image/webp",
        "audio/mpeg",
        "audio/mp4",
        "video/mp4",
        "application/pdf",
    ]
    s3_endpoint_url: str = ""
    s3_bucket: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_region: str = "eu-north-1"

    # Largest request body in bytes (JSON, webhooks); a larger one gets 413 while it arrives.
    # Uploads (POST /media, PUT /me/avatar) have their own limit, MEDIA_MAX_BYTES.
    request_body_max_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Serve the API documentation (/docs, /redoc, /openapi.json); false answers 404 there.
    api_docs_enabled: bool = True

    cors_origins: Annotated[list[str], NoDecode] = [
        "http://127.0.0.1:8550",
        "http://localhost:8550",
        "http://127.0.0.1:3000",
        "http://localhost:3000",
    ]
    log_level: str = "INFO"
    log_json: bool = True

    @model_validator(mode="before")
    @classmethod
    def _split_origins(cls, data: dict[str, object]) -> dict[str, object]:
        origins = data.get("cors_origins") if isinstance(data, dict) else None
        if isinstance(origins, str):
            data["cors_origins"] = [o.strip() for o in origins.split(",") if o.strip()]
        return data

    @field_validator("media_root", mode="before")
    @classmethod
    def _media_root_in_repo(cls, value: object) -> object:
        """Empty means the default; a relative path is taken from the repository's root."""
        if value is None or value == "":
            return REPO_ROOT / ".local" / "media"
        path = Path(str(value))
        return path if path.is_absolute() else REPO_ROOT / path

    @field_validator("media_allowed_types", mode="before")
    @classmethod
    def _split_media_types(cls, value: object) -> object:
        if isinstance(value, str):
            return [t.strip().lower() for t in value.split(",") if t.strip()]
        return value

    @field_validator(
        "login_rate_limit_account",
        "login_rate_limit_ip",
        "login_rate_limit_account_failures",
        "password_reset_rate_limit_account",
        "password_reset_rate_limit_ip",
        "register_rate_limit_ip",
        "community_write_rate_limit",
        "message_rate_limit",
        "privacy_export_rate_limit",
    )
    @classmethod
    def _valid_rate_limit(cls, value: str) -> str:
        try:
            parse_rate_limit(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit: {value!r} (e.g. 5/minute)") from exc
        return value

    @field_validator("livekit_url", "livekit_api_key", "livekit_api_secret", mode="before")
    @classmethod
    def _livekit_dev_default_when_empty(cls, value: object, info: ValidationInfo) -> object:
        # An empty LIVEKIT_* line in .env means "not configured": the livekit-server --dev value.
        if isinstance(value, str) and not value.strip() and info.field_name:
            return cls.model_fields[info.field_name].default
        return value

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> "Settings":
        if self.environment == "development":
            if self.jwt_secret == DEFAULT_JWT_SECRET:
                self.jwt_secret = development_jwt_secret(REPO_ROOT / ".local")
            return self
        refused = []
        if (
            self.jwt_secret == DEFAULT_JWT_SECRET
            or len(self.jwt_secret.encode()) < MIN_SECRET_BYTES
        ):
            refused.append(
                f"JWT_SECRET must be set to a random value of at least {MIN_SECRET_BYTES} bytes "
                f"when ENVIRONMENT={self.environment} (generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
        if self.environment == "production":
            refused += self.development_settings_in_use()
        if refused:
            # Every problem at once, each naming its setting.
            raise ValueError(f"ENVIRONMENT={self.environment} refuses: " + "; ".join(refused))
        return self

    def development_settings_in_use(self) -> list[str]:
        """Settings whose values are public development secrets (or the dummy payment provider,
        whose webhook secret is public), each as "SETTING: why (what to do)". Production refuses
        to start with any of them (docs/operations.md lists them)."""
        found = []
        if self.livekit_api_key == LIVEKIT_DEV_API_KEY:
            found.append(
                "LIVEKIT_API_KEY: unset or livekit-server --dev's public key (set your LiveKit "
                "project's API key)"
            )
        if self.livekit_api_secret == LIVEKIT_DEV_API_SECRET:
            found.append(
                "LIVEKIT_API_SECRET: unset or livekit-server --dev's public secret (set your "
                "LiveKit project's API secret)"
            )
        if self.payment_provider == "dummy":
            found.append(
                "PAYMENT_PROVIDER=dummy: the test provider, whose webhook secret is public (use "
                "stripe, or auto with STRIPE_SECRET_KEY)"
            )
        return found

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @property
    def payment_methods(self) -> list[str]:
        return [m.strip() for m in self.stripe_payment_method_types.split(",") if m.strip()]

    @property
    def active_payment_provider(self) -> str | None:
        """stripe, dummy, or None when payments are off (production without a Stripe key)."""
        if self.payment_provider != "auto":
            return self.payment_provider
        if self.stripe_secret_key:
            return "stripe"
        return None if self.environment == "production" else "dummy"


def development_jwt_secret(local_dir: Path) -> str:
    """A random secret made once per checkout and kept in .local/dev-jwt-secret, so development
    tokens are signed with a key of proper length (the placeholder is too short for HS256) and
    survive restarts. Several processes may start at once: the first link wins."""
    path = local_dir / "dev-jwt-secret"
    if not path.exists():
        local_dir.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        draft.write_text(secrets.token_urlsafe(48))
        draft.chmod(0o600)
        with suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
