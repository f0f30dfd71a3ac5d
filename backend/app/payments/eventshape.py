"""The shape of a provider event's fields that the webhook handlers read, checked once after
the signature and before anything is stored.

A validly signed event is still input: a value the database cannot hold (an id longer than
the 255 characters of app.stripe_events.id, an amount beyond integer, a `created` past year
9999, an attempt number of twelve digits) would otherwise fail deep inside the handler. Stripe
never sends such values, so an event with one is refused as malformed (400 invalid_payload)
and nothing is written. Fields the handlers do not read are not checked; unknown fields are
allowed.
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from app.errors import BadRequest

INT4_MAX = 2**31 - 1
# The newest moment PostgreSQL's timestamptz and Python's datetime both hold.
TIMESTAMP_MAX = int(datetime(9999, 12, 31, tzinfo=UTC).timestamp())

Ref = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$")]
Text = Annotated[str, StringConstraints(max_length=2048)]
Amount = Annotated[int, Field(ge=0, le=INT4_MAX)]
Timestamp = Annotated[int, Field(ge=0, le=TIMESTAMP_MAX)]
# metadata.attempt as our checkouts write it: the attempt number, a positive integer.
Attempt = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}$")]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class _Metadata(_Shape):
    order_id: Text | None = None
    attempt: Attempt | None = None


class _Refund(_Shape):
    id: Ref | None = None
    status: Text | None = None


class _RefundList(_Shape):
    data: list[_Refund] | None = None


class _Object(_Shape):
    """A checkout session, charge, refund or account: the fields any handler reads."""

    id: Ref
    payment_intent: Ref | None = None
    client_reference_id: Text | None = None
    metadata: _Metadata | None = None
    payment_status: Text | None = None
    amount_total: Amount | None = None
    amount: Amount | None = None
    amount_refunded: Amount | None = None
    currency: Text | None = None
    expires_at: Timestamp | None = None
    url: Text | None = None
    refunds: _RefundList | None = None
    status: Text | None = None


class _Data(_Shape):
    object: _Object


class _Event(_Shape):
    id: Ref
    type: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    created: Timestamp | None = None
    data: _Data


class _Envelope(_Shape):
    id: Ref
    type: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    created: Timestamp | None = None


def check_event(event: dict[str, Any], *, handled: bool) -> None:
    """Raise 400 invalid_payload when a field that is stored (id, type, created) or that a
    handler reads (of a type that is `handled`) has a value no real event has."""
    try:
        (_Event if handled else _Envelope).model_validate(event)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadRequest(
            f"The event's {where} is not valid: {first['msg']}", code="invalid_payload"
        ) from exc
