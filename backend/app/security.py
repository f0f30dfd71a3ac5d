"""Passwords, access tokens and the dependencies that say who is calling.

Access tokens are short-lived HS256 JWTs; refresh tokens (opaque, rotated) live in app.auth.
Every authenticated request re-reads the caller's role and disabled flag, and checks that the
session in the token's `sid` claim has not ended, so a role change, a disabled account, a
logout or a password change takes effect at once.
"""

import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import Depends, Request
from fastapi.security import HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from app.config import Settings
from app.db import Conn, Connection
from app.errors import Forbidden, Unauthorized
from app.identity import AuthUser

if TYPE_CHECKING:
    from app.authcache import AuthCache

JWT_ALGORITHMS = ["HS256"]  # fixed list: never taken from the token header
ROLES = ("student", "teacher", "admin")

# argon2-cffi's defaults are RFC 9106's low-memory profile (argon2id, t=3, m=64 MiB, p=4).
password_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return password_hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_needs_rehash(stored_hash: str) -> bool:
    return password_hasher.check_needs_rehash(stored_hash)


# A hash of a random password nobody knows, made with the current parameters. Signing in with an
# unknown address verifies against it, so that costs the same as a wrong password.
DUMMY_PASSWORD_HASH = password_hasher.hash(secrets.token_urlsafe(24))


def verify_dummy_password(password: str) -> bool:
    """The work of verify_password() for an account that does not exist; always False."""
    verify_password(DUMMY_PASSWORD_HASH, password)
    return False


def create_access_token(
    settings: Settings, user_id: uuid.UUID, role: str, session_id: uuid.UUID | None = None
) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds. `session_id` (claim `sid`) ties it to
    a sign-in session so that ending the session ends the token too."""
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.jwt_expires_minutes)
    claims = {
        "sub": str(user_id),
        "role": role,
        "type": "access",
        "iat": now,
        "exp": now + lifetime,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    if session_id is not None:
        claims["sid"] = str(session_id)
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256"), int(lifetime.total_seconds())


# Access tokens already verified by this process, until they expire: a repeat skips the HMAC
# and claim checks (a tenth of a signed-in GET in a profile). Keyed by the verifying settings
# too, so a changed secret, audience or issuer never accepts an old entry.
_VERIFIED_MAX = 4096
_verified: dict[tuple[str, str, str, str], dict[str, Any]] = {}


def decode_access_token(settings: Settings, token: str) -> dict[str, Any]:
    key = (settings.jwt_secret, settings.jwt_audience, settings.jwt_issuer, token)
    claims = _verified.get(key)
    if claims is not None and claims["exp"] > time.time():
        return claims
    claims = _verify_access_token(settings, token)
    if len(_verified) >= _VERIFIED_MAX:
        for old in list(_verified)[: _VERIFIED_MAX // 4]:
            del _verified[old]
    _verified[key] = claims
    return claims


def _verify_access_token(settings: Settings, token: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=JWT_ALGORITHMS,
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["sub", "role", "type", "iat", "exp", "iss", "aud"]},
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("The access token has expired", code="token_expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthorized("Invalid access token", code="invalid_token") from exc
    if claims.get("type") != "access":
        raise Unauthorized("Invalid access token", code="invalid_token")
    try:
        uuid.UUID(str(claims["sub"]))
        if "sid" in claims:
            uuid.UUID(str(claims["sid"]))
    except ValueError as exc:
        raise Unauthorized("Invalid access token", code="invalid_token") from exc
    return claims


async def get_settings_dep(request: Request) -> Settings:
    # async: a plain `def` dependency costs a thread-pool hop on every request
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings_dep)]


async def _load_user(
    conn: Connection, user_id: uuid.UUID, session_id: uuid.UUID | None
) -> AuthUser | None:
    """The caller, or None when the account is gone or disabled or the session has ended
    (one round trip: the session check rides along with the profile read)."""
    row = await conn.fetchrow(
        """SELECT p.user_id, p.role, p.email, p.display_name, p.disabled_at,
                  ($2::uuid IS NULL OR EXISTS (
                      SELECT 1 FROM app.auth_sessions s
                      WHERE s.id = $2 AND s.user_id = p.user_id AND s.revoked_at IS NULL
                  )) AS session_active
           FROM app.profiles p WHERE p.user_id = $1""",
        user_id,
        session_id,
    )
    if row is None or row["disabled_at"] is not None or not row["session_active"]:
        return None
    return AuthUser(row["user_id"], row["role"], row["email"], row["display_name"], session_id)


class _BearerCaller(HTTPBearer):
    """The caller behind the request's bearer token, or None without one (or with another
    scheme), as HTTPBearer(auto_error=False) reads the header. One dependency where there were
    four (the header, the settings, the credentials and the caller: FastAPI spends about 15 µs
    on each per request); the OpenAPI document shows the same HTTPBearer scheme."""

    async def __call__(  # type: ignore[override]
        self, request: Request, conn: Conn
    ) -> AuthUser | None:
        return await caller_of(request, conn)


async def caller_of(request: Request, conn: Connection) -> AuthUser | None:
    scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
    if not token or scheme.lower() != "bearer":
        return None
    state = request.app.state
    return await authenticate(conn, state.settings, token, state.auth_cache)


get_optional_user = _BearerCaller(
    auto_error=False, scheme_name="HTTPBearer", description="Access token from POST /auth/login"
)


async def authenticate(
    conn: Connection, settings: Settings, token: str, cache: "AuthCache"
) -> AuthUser:
    """The caller behind a bearer token: verified, and still an active account and session
    (remembered by `cache` while it can be told of changes, else read from the database)."""
    claims = decode_access_token(settings, token)
    user_id = uuid.UUID(claims["sub"])
    session_id = uuid.UUID(claims["sid"]) if "sid" in claims else None
    user = cache.get(user_id, session_id)
    if user is not None:
        return user
    generation = cache.generation
    user = await _load_user(conn, user_id, session_id)
    if user is None:
        raise Unauthorized(
            "The session has ended or the account is unavailable; sign in again",
            code="session_ended",
            headers={"WWW-Authenticate": "Bearer"},
        )
    cache.put(user, generation)
    return user


async def get_current_user(
    user: Annotated[AuthUser | None, Depends(get_optional_user)],
) -> AuthUser:
    if user is None:
        raise Unauthorized(
            "Sign in first", code="not_authenticated", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


async def require_teacher(user: Annotated[AuthUser, Depends(get_current_user)]) -> AuthUser:
    if not user.is_teacher:
        raise Forbidden("Only approved teachers can do this", code="teacher_required")
    return user


async def require_admin(user: Annotated[AuthUser, Depends(get_current_user)]) -> AuthUser:
    if not user.is_admin:
        raise Forbidden("Only administrators can do this", code="admin_required")
    return user


OptionalUser = Annotated[AuthUser | None, Depends(get_optional_user)]
CurrentUser = Annotated[AuthUser, Depends(get_current_user)]
TeacherUser = Annotated[AuthUser, Depends(require_teacher)]
AdminUser = Annotated[AuthUser, Depends(require_admin)]
