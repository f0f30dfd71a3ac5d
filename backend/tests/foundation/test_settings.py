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


def test_development_accepts_the_placeholder_and_production_a_long_secret() -> None:
    assert Settings(environment="development", jwt_secret="change-me").is_development
    assert Settings(environment="production", jwt_secret="s" * 32).environment == "production"


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
