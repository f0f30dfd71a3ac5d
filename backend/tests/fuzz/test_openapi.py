"""Property-based fuzzing of every operation in the API's own OpenAPI document (schemathesis),
against a real uvicorn process on a seeded database of its own, as anonymous, student, teacher
and admin. Every response must not be a 5xx, must match the documented schema, and data that
breaks the schema must be refused with a 4xx.

FUZZ_EXAMPLES examples per operation, role and mode (2 here and in CI; `make fuzz` runs 10). The
operations that end the caller's own account or session, and the endless event stream, are left
out so one role's token stays valid for the whole run."""

import os
from datetime import UTC

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
)

from tests.fuzz.conftest import ROLES, count
from tests.fuzz.hostile import DATES, DATETIMES

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
# (method, path) left out, with why.
EXCLUDED = {
    ("DELETE", "/me"): "deletes the caller's account",
    ("POST", "/auth/logout"): "ends the caller's session",
    ("POST", "/auth/logout-all"): "ends the caller's sessions",
    ("GET", "/feed/stream"): "an endless event stream",
}
CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]

# Dates and times as hypothesis makes them, and now and then one at the calendar's edge (year 1
# or 9999 with an offset that pushes it past the edge in UTC); strings already include NUL
# (schemathesis' allow_x00) and integers without bounds reach far past PostgreSQL's ranges.
schemathesis.openapi.format(
    "date-time",
    st.one_of(
        st.sampled_from(DATETIMES),
        st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
    ),
)
schemathesis.openapi.format(
    "date", st.one_of(st.sampled_from(DATES), st.dates().map(lambda day: day.isoformat()))
)


@pytest.fixture(scope="module")
def api_schema(fuzz_api: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_url(f"{fuzz_api}/openapi.json")
    schema.config.update(request_timeout=30)
    # Optional sign-in (OptionalUser) cannot be said in OpenAPI; leaving the token out is a
    # valid request, not a broken one.
    schema.config.generation.update(with_security_parameters=False)
    # A body past REQUEST_BODY_MAX_BYTES (a long text of \u escapes) is refused with 413 before
    # its schema is looked at: as much a refusal of broken data as a 422.
    rejection = schema.config.checks.negative_data_rejection
    rejection.expected_statuses = [*rejection.expected_statuses, "413"]
    for method, path in EXCLUDED:
        schema = schema.exclude(method=method, path=path)
    return schema


FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _fuzz(schema: schemathesis.BaseSchema, role: str, headers: dict[str, str]) -> list[str]:
    """Every operation with valid and with schema-breaking data; the failures, each with the
    request that reproduces it (as a curl command)."""
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @FUZZ_SETTINGS
            def run(case: schemathesis.Case) -> None:
                response = case.call(headers=headers)
                count(f"schemathesis as {role}", response.status_code)
                case.validate_response(response, checks=CHECKS, headers=headers)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing of this operation can be made invalid (no parameters, no body)
            except (Exception, BaseExceptionGroup) as exc:  # collected: one run shows them all
                failures.append(f"{operation.label} ({mode.value}): {exc}"[:3000])
    return failures


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_as(
    role: str, api_schema: schemathesis.BaseSchema, role_headers: dict[str, dict[str, str]]
) -> None:
    failures = _fuzz(api_schema, role, role_headers[role])
    assert failures == [], "\n\n".join(failures)
