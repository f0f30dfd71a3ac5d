"""Settings refuse default or short secrets outside development."""

import pytest
from pydantic import ValidationError

from app.config import Settings


@pytest.mark.parametrize("environment", ["production", "test"])
@pytest.mark.parametrize("secret", ["change-me", "short-secret", "x" * 31])
def test_weak_jwt_secret_is_refused_outside_development(environment: str, secret: str) -> None:
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings(environment=environment, jwt_secret=secret)


def test_development_accepts_the_placeholder_and_production_a_long_secret() -> None:
    assert Settings(environment="development", jwt_secret="change-me").is_development
    assert Settings(environment="production", jwt_secret="s" * 32).environment == "production"


def test_cors_origins_read_from_a_comma_separated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "https://a.se, https://b.se")
    assert Settings(environment="development").cors_origins == ["https://a.se", "https://b.se"]
