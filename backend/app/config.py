"""One settings object, read from the environment and .env (see .env.example for every key)."""

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from limits import parse as parse_rate_limit
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_JWT_SECRET = "change-me"  # noqa: S105 - the placeholder that production refuses
MIN_SECRET_BYTES = 32


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

    # Rate limits ("N/second|minute|hour", "N per 15 minutes"): a moving window per account
    # (the e-mail address) and per client IP. Counters live in memory, or in Redis when
    # REDIS_URL is set so that several API processes share them.
    redis_url: str = ""
    rate_limit_key_prefix: str = "wisdom"
    login_rate_limit_account: str = "5/minute"
    login_rate_limit_ip: str = "20/minute"
    password_reset_rate_limit_account: str = "3/15 minutes"  # noqa: S105 - not a secret
    password_reset_rate_limit_ip: str = "10/15 minutes"  # noqa: S105 - not a secret
    register_rate_limit_ip: str = "20/hour"

    stripe_publishable_key: str = ""
    stripe_merchant_display_name: str = "Wisdom by SoulWisdom"

    # Mail: SMTP when SMTP_HOST is set; otherwise messages stay in app.mail_outbox (development).
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True
    mail_from: str = "Wisdom <no-reply@wisdom.local>"
    mail_poll_seconds: float = Field(default=2.0, gt=0)
    # Background loops in the API process (mail delivery, reminders); tests drive them directly.
    run_background_tasks: bool = True

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

    @field_validator(
        "login_rate_limit_account",
        "login_rate_limit_ip",
        "password_reset_rate_limit_account",
        "password_reset_rate_limit_ip",
        "register_rate_limit_ip",
    )
    @classmethod
    def _valid_rate_limit(cls, value: str) -> str:
        try:
            parse_rate_limit(value)
        except ValueError as exc:
            raise ValueError(f"not a rate limit: {value!r} (e.g. 5/minute)") from exc
        return value

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> "Settings":
        if self.environment == "development":
            return self
        if (
            self.jwt_secret == DEFAULT_JWT_SECRET
            or len(self.jwt_secret.encode()) < MIN_SECRET_BYTES
        ):
            raise ValueError(
                f"JWT_SECRET must be set to a random value of at least {MIN_SECRET_BYTES} bytes "
                f"when ENVIRONMENT={self.environment} (generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
        return self

    @property
    def is_development(self) -> bool:
        return self.environment == "development"


@lru_cache
def get_settings() -> Settings:
    return Settings()
