from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from app.profiles.schemas import DisplayName, Profile

# The rules (8 to 128 characters, not a common password) are checked by the service with their
# own error codes; the schema only bounds what is read.
NewPassword = Annotated[str, Field(min_length=1, max_length=1024)]
AnyPassword = Annotated[str, Field(min_length=1, max_length=1024)]
# Signing in (or asking for a reset) takes any address-shaped string, so accounts whose address
# email-validator would refuse today (the demo's @wisdom.local, an admin made by the CLI) still
# work; registration validates the address fully.
LoginEmail = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$"),
]
OpaqueToken = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4096)
]


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254)
    password: NewPassword
    display_name: DisplayName


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: LoginEmail
    password: AnyPassword


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: OpaqueToken


class LogoutRequest(BaseModel):
    """The session to end, by its refresh token (optional when an access token is sent)."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: OpaqueToken | None = None


class PasswordForgotRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: LoginEmail


class PasswordResetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: OpaqueToken
    new_password: NewPassword


class PasswordChangeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: AnyPassword
    new_password: NewPassword


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    # Seconds until the access token expires; the refresh token lasts refresh_expires_in.
    expires_in: int
    refresh_expires_in: int
    profile: Profile


class Accepted(BaseModel):
    detail: str
