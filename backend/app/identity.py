"""Who is calling: the signed-in user as every layer sees them. A leaf of the import graph, so
the security dependencies and the caller cache (app.authcache) both stand on it."""

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class AuthUser:
    id: uuid.UUID
    role: str
    email: str
    display_name: str
    # The sign-in session (refresh token family) the access token belongs to, when it has one.
    session_id: uuid.UUID | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_teacher(self) -> bool:
        return self.role in ("teacher", "admin")
