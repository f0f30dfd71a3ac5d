"""Sign-in: registration, login, refresh token rotation, logout, password change and reset.

Sessions: each login (or registration) opens a session, the family of refresh tokens rotated
from it. A refresh token is opaque (32 random bytes), stored only as its SHA-256, used once:
POST /auth/refresh spends it and returns a new pair. Presenting a spent token again means it
leaked (RFC 9700 section 4.14): the whole session is revoked and the reuse is audited. Access
tokens carry the session in `sid`, so ending a session ends its access tokens too.

Some failures must still commit what they wrote (the audit entry of a failed login, a session
revoked for reuse). Those functions return the error instead of raising it; the router answers
with it after the transaction commits (see app.errors.error_response).
"""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.audit.service import record
from app.auth import repository
from app.auth.passwords import check_password_policy, hash_async, verify_async
from app.auth.schemas import TokenResponse
from app.config import Settings
from app.db import Connection
from app.errors import AppError, BadRequest, Forbidden, Unauthorized
from app.mail.service import queue_mail
from app.profiles import service as profiles
from app.ratelimit import RateLimiter, key_part
from app.security import AuthUser, create_access_token, password_needs_rehash

REFRESH_TOKEN_BYTES = 32


@dataclass(frozen=True)
class Client:
    """Where a request came from: for audit entries, sessions and rate limits."""

    ip: str | None
    user_agent: str

    @property
    def ip_key(self) -> str:
        return self.ip or "unknown"

    def with_account(self, email: str) -> str:
        """The rate-limit key of this client asking about this account (e-mail hashed)."""
        return f"{key_part(email)}:{self.ip_key}"


def token_hash(token: str) -> bytes:
    """Refresh and reset tokens are 256-bit random strings: a plain SHA-256 is enough to store
    them (a slow hash protects low-entropy secrets, which these are not)."""
    return hashlib.sha256(token.encode()).digest()


def new_token() -> tuple[str, bytes]:
    token = secrets.token_urlsafe(REFRESH_TOKEN_BYTES)
    return token, token_hash(token)


INVALID_CREDENTIALS = "The e-mail address or the password is wrong"


# --- sessions ------------------------------------------------------------------------------


async def _issue_tokens(
    conn: Connection,
    settings: Settings,
    profile_row: Any,
    session_id: uuid.UUID,
    parent_id: uuid.UUID | None,
) -> TokenResponse:
    refresh, refresh_hash = new_token()
    lifetime = timedelta(days=settings.refresh_token_days)
    await repository.insert_refresh_token(
        conn,
        session_id=session_id,
        user_id=profile_row["user_id"],
        token_hash=refresh_hash,
        parent_id=parent_id,
        lifetime=lifetime,
    )
    access, expires_in = create_access_token(
        settings, profile_row["user_id"], profile_row["role"], session_id
    )
    return TokenResponse(
        access_token=access,
        refresh_token=refresh,
        expires_in=expires_in,
        refresh_expires_in=int(lifetime.total_seconds()),
        profile=profiles.to_profile(profile_row),
    )


async def start_session(
    conn: Connection, settings: Settings, profile_row: Any, client: Client
) -> TokenResponse:
    session_id = await repository.insert_session(
        conn, profile_row["user_id"], client.user_agent[:300], client.ip
    )
    return await _issue_tokens(conn, settings, profile_row, session_id, None)


async def revoke_all_sessions(
    conn: Connection, user_id: uuid.UUID, reason: str, keep: uuid.UUID | None = None
) -> int:
    """End every session of the user (but `keep`): their refresh tokens stop working and their
    access tokens are refused at once. Used by logout-all, password changes and disabling."""
    return await repository.revoke_user_sessions(conn, user_id, reason, keep)


# --- registration and login ----------------------------------------------------------------


async def register(
    conn: Connection,
    settings: Settings,
    limiter: RateLimiter,
    client: Client,
    *,
    email: str,
    password: str,
    display_name: str,
) -> TokenResponse:
    await limiter.hit(settings.register_rate_limit_ip, "register-ip", client.ip_key)
    check_password_policy(password)
    if await profiles.get_row_by_email(conn, email) is not None:
        raise profiles.email_unavailable()
    password_hash = await hash_async(password)
    profile = await profiles.create_profile(conn, email, display_name)
    user_id = profile["user_id"]
    await repository.set_credential(conn, user_id, password_hash)
    await repository.insert_consent(
        conn, user_id, "terms", settings.terms_version, client.ip, client.user_agent[:300]
    )
    await record(
        conn,
        "auth.register",
        actor_id=user_id,
        subject_user_id=user_id,
        ip=client.ip,
        meta={"terms_version": settings.terms_version},
    )
    return await start_session(conn, settings, profile, client)


async def _limit_login(settings: Settings, limiter: RateLimiter, client: Client, email: str) -> int:
    """Sign-in limits that keep guessing out without letting anyone lock the owner out:

    - per client (LOGIN_RATE_LIMIT_IP): every attempt from one address;
    - per account and client (LOGIN_RATE_LIMIT_ACCOUNT): an attacker's attempts on an account
      use up only their own client's allowance, never the owner's;
    - per account (LOGIN_RATE_LIMIT_ACCOUNT_FAILURES): failed attempts from all clients. Once
      that many failed within the window (guessing from many addresses), a client that itself
      failed on the account within the window is refused before its password is checked; a
      client with no recent failure there (the owner on their own device) still gets in with
      the right password.

    Attempts are counted before the password is checked, so parallel requests cannot overtake
    the count; failures are counted after. Returns this client's recent failures there."""
    pair = client.with_account(email)
    await limiter.hit(settings.login_rate_limit_ip, "login-ip", client.ip_key)
    await limiter.hit(settings.login_rate_limit_account, "login-account", pair)
    failures = settings.login_rate_limit_account_failures
    failed_here = await limiter.used(failures, "login-failures", pair)
    if failed_here and not await limiter.has_room(failures, "login-failures", key_part(email)):
        raise await limiter.refusal(failures, "login-failures", pair, whole_window=True)
    return failed_here


async def _count_login_failure(
    settings: Settings, limiter: RateLimiter, client: Client, email: str
) -> None:
    failures = settings.login_rate_limit_account_failures
    await limiter.allow(failures, "login-failures", key_part(email))
    await limiter.allow(failures, "login-failures", client.with_account(email))


async def login(
    conn: Connection,
    settings: Settings,
    limiter: RateLimiter,
    client: Client,
    *,
    email: str,
    password: str,
) -> TokenResponse | AppError:
    """Tokens, or the error to answer with after the failed attempt's audit entry commits."""
    failed_here = await _limit_login(settings, limiter, client, email)
    profile = await profiles.get_row_by_email(conn, email)
    stored = await repository.get_credential(conn, profile["user_id"]) if profile else None
    # Without an account (or a password) the dummy hash is verified: the same work either way.
    if not await verify_async(stored, password) or profile is None or stored is None:
        await _count_login_failure(settings, limiter, client, email)
        await record(
            conn,
            "auth.login_failed",
            subject_user_id=profile["user_id"] if profile else None,
            ip=client.ip,
            meta={"reason": "wrong_password" if profile else "unknown_account"},
        )
        return Unauthorized(INVALID_CREDENTIALS, code="invalid_credentials")
    user_id = profile["user_id"]
    if profile["disabled_at"] is not None:
        await record(
            conn,
            "auth.login_failed",
            subject_user_id=user_id,
            ip=client.ip,
            meta={"reason": "disabled"},
        )
        return Forbidden("This account is disabled", code="account_disabled")
    if failed_here:  # the owner got in from here: earlier typos no longer hold this client back
        await limiter.clear(
            settings.login_rate_limit_account_failures, "login-failures", client.with_account(email)
        )
    if password_needs_rehash(stored):
        await repository.rehash_credential(conn, user_id, await hash_async(password))
    tokens = await start_session(conn, settings, profile, client)
    await record(conn, "auth.login", actor_id=user_id, subject_user_id=user_id, ip=client.ip)
    return tokens


async def refresh(
    conn: Connection, settings: Settings, client: Client, refresh_token: str
) -> TokenResponse | AppError:
    row = await repository.lock_refresh_token(conn, token_hash(refresh_token))
    invalid = Unauthorized("Invalid refresh token; sign in again", code="invalid_refresh_token")
    if row is None:
        return invalid
    user_id, session_id = row["user_id"], row["session_id"]
    if row["used_at"] is not None:
        # A spent token came back: someone holds a copy. End the whole family.
        revoked = await repository.revoke_session(conn, session_id, user_id, "refresh_reuse")
        await record(
            conn,
            "auth.refresh_reuse",
            subject_user_id=user_id,
            object_type="auth_session",
            object_id=str(session_id),
            ip=client.ip,
            meta={"session_revoked": revoked, "token_id": str(row["id"])},
        )
        return Unauthorized(
            "This refresh token was already used; the session has been ended",
            code="refresh_token_reused",
        )
    if row["session_revoked_at"] is not None or row["disabled_at"] is not None or row["expired"]:
        return invalid
    await repository.mark_refresh_token_used(conn, row["id"])
    await repository.touch_session(conn, session_id)
    profile = await profiles.get_row(conn, user_id)
    return await _issue_tokens(conn, settings, profile, session_id, row["id"])


async def logout(
    conn: Connection, user: AuthUser | None, client: Client, refresh_token: str | None
) -> None:
    """End the session of the access token (its `sid`) and/or of the refresh token given."""
    ended: list[tuple[uuid.UUID, uuid.UUID]] = []
    if refresh_token:
        row = await repository.find_refresh_token(conn, token_hash(refresh_token))
        if row is None or (user is not None and row["user_id"] != user.id):
            raise Unauthorized("Invalid refresh token", code="invalid_refresh_token")
        ended.append((row["session_id"], row["user_id"]))
    if user is not None and user.session_id is not None:
        ended.append((user.session_id, user.id))
    if not ended:
        raise Unauthorized(
            "Send the access token of the session, or its refresh token",
            code="not_authenticated",
        )
    for session_id, user_id in dict.fromkeys(ended):
        if await repository.revoke_session(conn, session_id, user_id, "logout"):
            await record(
                conn,
                "auth.logout",
                actor_id=user_id,
                subject_user_id=user_id,
                object_type="auth_session",
                object_id=str(session_id),
                ip=client.ip,
            )


async def logout_all(conn: Connection, user: AuthUser, client: Client) -> int:
    count = await revoke_all_sessions(conn, user.id, "logout_all")
    await record(
        conn,
        "auth.logout_all",
        actor_id=user.id,
        subject_user_id=user.id,
        ip=client.ip,
        meta={"sessions": count},
    )
    return count


# --- passwords -----------------------------------------------------------------------------

_CHANGED_MAIL = {
    "sv": (
        "Ditt lösenord har ändrats",
        "Hej {name}!\n\nLösenordet till ditt Wisdom-konto ändrades nyss och du har loggats ut "
        "på dina andra enheter.\nVar det inte du? Begär ett nytt lösenord direkt och kontakta "
        "oss.\n\nWisdom",
    ),
    "en": (
        "Your password was changed",
        "Hi {name},\n\nThe password of your Wisdom account was just changed and your other "
        "devices were signed out.\nWasn't it you? Reset your password at once and contact "
        "us.\n\nWisdom",
    ),
}

_RESET_MAIL = {
    "sv": (
        "Återställ ditt lösenord",
        "Hej {name}!\n\nVi fick en begäran om att återställa lösenordet till ditt Wisdom-konto."
        "\nÖppna länken inom {minutes} minuter för att välja ett nytt lösenord:\n\n{link}\n\n"
        "Eller ange koden i appen: {token}\n\nBad du inte om detta kan du bortse från "
        "mejlet; ditt lösenord är oförändrat.\n\nWisdom",
    ),
    "en": (
        "Reset your password",
        "Hi {name},\n\nWe received a request to reset the password of your Wisdom account.\n"
        "Open the link within {minutes} minutes to choose a new password:\n\n{link}\n\n"
        "Or enter the code in the app: {token}\n\nIf you did not ask for this, ignore this "
        "e-mail; your password is unchanged.\n\nWisdom",
    ),
}


def reset_link(settings: Settings, token: str) -> str:
    separator = "&" if "?" in settings.password_reset_url else "?"
    return f"{settings.password_reset_url}{separator}token={token}"


async def create_reset_token(
    conn: Connection, settings: Settings, user_id: uuid.UUID, ip: str | None
) -> str:
    """A new one-time reset token for the user (earlier unused ones stop working)."""
    await repository.close_open_resets(conn, user_id)
    token, hashed = new_token()
    lifetime = timedelta(minutes=settings.password_reset_minutes)
    await repository.insert_reset(conn, user_id, hashed, lifetime, ip)
    return token


async def _mail_password_changed(conn: Connection, profile: Any) -> None:
    subject, body = _CHANGED_MAIL.get(profile["locale"], _CHANGED_MAIL["sv"])
    await queue_mail(
        conn,
        to=profile["email"],
        subject=subject,
        body=body.format(name=profile["display_name"]),
        user_id=profile["user_id"],
        kind="password_changed",
    )


async def change_password(
    conn: Connection,
    settings: Settings,
    limiter: RateLimiter,
    user: AuthUser,
    client: Client,
    *,
    current_password: str,
    new_password: str,
) -> None:
    """Change the password; every other session of the user ends, this one stays."""
    # The current password is a secret to guess too: limited like sign-in, per account.
    await limiter.hit(settings.login_rate_limit_account, "password-change", str(user.id))
    stored = await repository.get_credential(conn, user.id)
    if not await verify_async(stored, current_password) or stored is None:
        raise BadRequest("The current password is wrong", code="wrong_password")
    check_password_policy(new_password)
    await repository.set_credential(conn, user.id, await hash_async(new_password))
    ended = await revoke_all_sessions(conn, user.id, "password_change", keep=user.session_id)
    await record(
        conn,
        "auth.password_change",
        actor_id=user.id,
        subject_user_id=user.id,
        ip=client.ip,
        meta={"sessions_ended": ended},
    )
    await _mail_password_changed(conn, await profiles.get_row(conn, user.id))


async def request_password_reset(
    conn: Connection, settings: Settings, limiter: RateLimiter, client: Client, email: str
) -> None:
    """Mail a reset link when the address has an active account; the caller answers the same
    either way. Limits: per client (429), and per account and client
    (PASSWORD_RESET_RATE_LIMIT_ACCOUNT): beyond it this client's requests for the address are
    answered the same but send nothing, so nobody can flood a mailbox, and nobody else's
    requests use up the owner's allowance."""
    await limiter.hit(settings.password_reset_rate_limit_ip, "reset-ip", client.ip_key)
    if not await limiter.allow(
        settings.password_reset_rate_limit_account, "reset-account", client.with_account(email)
    ):
        return
    profile = await profiles.get_row_by_email(conn, email)
    if profile is None or profile["disabled_at"] is not None:
        return
    user_id = profile["user_id"]
    token = await create_reset_token(conn, settings, user_id, client.ip)
    subject, body = _RESET_MAIL.get(profile["locale"], _RESET_MAIL["sv"])
    await queue_mail(
        conn,
        to=profile["email"],
        subject=subject,
        body=body.format(
            name=profile["display_name"],
            minutes=settings.password_reset_minutes,
            link=reset_link(settings, token),
            token=token,
        ),
        user_id=user_id,
        kind="password_reset",
    )
    await record(conn, "auth.password_reset_request", subject_user_id=user_id, ip=client.ip)


async def reset_password(
    conn: Connection,
    settings: Settings,
    limiter: RateLimiter,
    client: Client,
    *,
    token: str,
    new_password: str,
) -> None:
    """Set a new password with a reset token; every session of the user ends."""
    await limiter.hit(settings.password_reset_rate_limit_ip, "reset-ip", client.ip_key)
    row = await repository.lock_reset(conn, token_hash(token))
    if row is None or row["used_at"] is not None or row["expired"]:
        raise BadRequest(
            "This reset link is invalid or has expired; ask for a new one",
            code="invalid_reset_token",
        )
    profile = await profiles.get_row(conn, row["user_id"])
    if profile is None or profile["disabled_at"] is not None:
        raise BadRequest("This reset link is invalid or has expired", code="invalid_reset_token")
    check_password_policy(new_password)
    user_id = row["user_id"]
    await repository.set_credential(conn, user_id, await hash_async(new_password))
    await repository.close_open_resets(conn, user_id)
    ended = await revoke_all_sessions(conn, user_id, "password_reset")
    await record(
        conn,
        "auth.password_reset",
        actor_id=user_id,
        subject_user_id=user_id,
        ip=client.ip,
        meta={"sessions_ended": ended},
    )
    await _mail_password_changed(conn, profile)


async def set_password(conn: Connection, user_id: uuid.UUID, password: str) -> None:
    """Set a password directly (operator CLI); the same rules as everywhere else."""
    check_password_policy(password)
    await repository.set_credential(conn, user_id, await hash_async(password))
    await revoke_all_sessions(conn, user_id, "password_change")


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def confirm_password(
    conn: Connection, settings: Settings, limiter: RateLimiter, user: AuthUser, password: str
) -> None:
    """The password again before an act that cannot be undone (DELETE /me); limited like
    sign-in, per account."""
    await limiter.hit(settings.login_rate_limit_account, "password-confirm", str(user.id))
    stored = await repository.get_credential(conn, user.id)
    if not await verify_async(stored, password) or stored is None:
        raise BadRequest("The password is wrong", code="wrong_password")


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    return await repository.export_rows(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """End every session (access tokens included, through `sid`) and forget the credentials,
    refresh tokens, reset tokens and consents."""
    await repository.delete_all_of_user(conn, user_id)
