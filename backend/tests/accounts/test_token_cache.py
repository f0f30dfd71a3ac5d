"""Verified access tokens are remembered only until they expire, and only for the settings
that verified them (app.security.decode_access_token)."""

import time
import uuid

import jwt
import pytest

from app import security
from app.config import Settings
from app.errors import Unauthorized
from app.security import create_access_token, decode_access_token


def test_a_remembered_token_still_expires(settings: Settings) -> None:
    token, _ = create_access_token(settings, uuid.uuid4(), "student")
    first = decode_access_token(settings, token)
    assert decode_access_token(settings, token) is first  # the second call is a lookup

    # A token remembered while valid whose time has run out is verified again, and refused.
    now = int(time.time())
    claims = {**first, "iat": now - 120, "exp": now - 60, "jti": uuid.uuid4().hex}
    expired = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    key = (settings.jwt_secret, settings.jwt_audience, settings.jwt_issuer, expired)
    security._verified[key] = claims
    with pytest.raises(Unauthorized) as refused:
        decode_access_token(settings, expired)
    assert refused.value.code == "token_expired"


def test_a_remembered_token_is_not_accepted_under_another_secret(settings: Settings) -> None:
    token, _ = create_access_token(settings, uuid.uuid4(), "teacher")
    assert decode_access_token(settings, token)["role"] == "teacher"
    rotated = settings.model_copy(update={"jwt_secret": "another-secret-" + "x" * 40})
    with pytest.raises(Unauthorized) as refused:
        decode_access_token(rotated, token)
    assert refused.value.code == "invalid_token"
