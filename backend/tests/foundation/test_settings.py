"""Settings refuse default or short secrets outside development."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import MIN_SECRET_BYTES, Settings, development_jwt_secret


@pytest.mark.parametrize("environment", ["production", "test"])
@pytest.mark.parametrize("secret", ["change-me", "short-secret", "x" * 31])
def test_weak_jwt_secret_is_refused_outside_development(environment: str, secret: str) -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(environment=environment, jwt_secret=secret)


PRODUCTION = {
    "environment": "production",
    "jwt_secret": "s" * 32,
    "livekit_api_key": "APIxY7kq2Lm9Qz",
    "livekit_api_secret": "l" * 43,
    "payment_provider": "auto",
}


def test_development_accepts_the_placeholder_and_production_a_long_secret() -> None:
    assert Settings(environment="development", jwt_secret="change-me").is_development
    assert Settings(**PRODUCTION).environment == "production"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"livekit_api_key": ""}, ["LIVEKIT_API_KEY"]),
        ({"livekit_api_key": "devkey"}, ["LIVEKIT_API_KEY"]),
        ({"livekit_api_secret": ""}, ["LIVEKIT_API_SECRET"]),
        ({"livekit_api_secret": "secret"}, ["LIVEKIT_API_SECRET"]),
        ({"payment_provider": "dummy"}, ["PAYMENT_PROVIDER"]),
        (
            {"livekit_api_key": "", "livekit_api_secret": "", "payment_provider": "dummy"},
            ["LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "PAYMENT_PROVIDER"],
        ),
    ],
)
def test_production_refuses_development_secrets_naming_each_setting(
    changes: dict[str, str], named: list[str]
) -> None:
    """LiveKit's --dev key and secret and the dummy provider's webhook secret are public: a
    webhook signed with them could end any seminar or pay any order."""
    with pytest.raises(ValidationError) as refused:
        Settings(**{**PRODUCTION, **changes})
    message = str(refused.value)
    for setting in named:
        assert setting in message
    others = {"LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "PAYMENT_PROVIDER"} - set(named)
    assert not [s for s in others if s in message]


def test_production_started_from_the_environment_refuses_unset_livekit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What `uvicorn --factory app.main:create_app` reads (get_settings(): the environment),
    with LIVEKIT_* unset and PAYMENT_PROVIDER=dummy."""
    monkeypatch.delenv("STRIPE_SECRET_KEY", raising=False)
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "s" * 48)
    monkeypatch.setenv("PAYMENT_PROVIDER", "dummy")
    monkeypatch.setenv("LIVEKIT_API_KEY", "")
    monkeypatch.setenv("LIVEKIT_API_SECRET", "")
    monkeypatch.setenv("JWT_SECRET", "change-me")
    with pytest.raises(
        ValidationError,
        match=r"JWT_SECRET.*LIVEKIT_API_KEY.*LIVEKIT_API_SECRET.*PAYMENT_PROVIDER",
    ):
        Settings()  # every refused setting named at once
    monkeypatch.setenv("JWT_SECRET", "s" * 48)
    with pytest.raises(
        ValidationError, match=r"LIVEKIT_API_KEY.*LIVEKIT_API_SECRET.*PAYMENT_PROVIDER"
    ):
        Settings()
    monkeypatch.setenv("LIVEKIT_API_KEY", "APIxY7kq2Lm9Qz")
    monkeypatch.setenv("LIVEKIT_API_SECRET", "l" * 43)
    monkeypatch.setenv("PAYMENT_PROVIDER", "auto")
    assert Settings().active_payment_provider is None  # production without Stripe: payments off


@pytest.mark.parametrize("environment", ["development", "test"])
def test_development_and_test_keep_the_development_defaults(environment: str) -> None:
    settings = Settings(
        environment=environment,
        jwt_secret="t" * 40,
        livekit_api_key="",
        livekit_api_secret="",
        payment_provider="dummy",
    )
    assert (settings.livekit_api_key, settings.livekit_api_secret) == ("devkey", "secret")
    assert settings.active_payment_provider == "dummy"


def test_development_replaces_the_placeholder_with_a_kept_random_secret(tmp_path: Path) -> None:
    """The placeholder is too short for HS256 (PyJWT warns on every token): development signs
    with a random secret made once and kept, so tokens survive a restart."""
    first = development_jwt_secret(tmp_path / ".local")
    assert len(first.encode()) >= MIN_SECRET_BYTES
    assert development_jwt_secret(tmp_path / ".local") == first
    assert (tmp_path / ".local" / "dev-jwt-secret").stat().st_mode & 0o077 == 0
    placeholder = Settings(environment="development", jwt_secret="change-me").jwt_secret
    assert placeholder != "change-me"
    assert len(placeholder.encode()) >= MIN_SECRET_BYTES


def test_cors_origins_read_from_a_comma_separated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "https://a.se, https://b.se")
    assert Settings(environment="development").cors_origins == ["https://a.se", "https://b.se"]
