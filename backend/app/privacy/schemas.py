"""Request models of GDPR self-service."""

from pydantic import BaseModel, ConfigDict, Field


class AccountDeletion(BaseModel):
    """DELETE /me: the password again, so that a borrowed device cannot erase an account."""

    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=1, max_length=1024)


class PurgeSummary(BaseModel):
    orders: int
    payments: int
    kept_for_enrollments: int
