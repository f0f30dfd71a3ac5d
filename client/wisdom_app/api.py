"""ApiClient: every call the app makes to the Wisdom API, over one async httpx client.

It attaches the access token, refreshes it once with the refresh token when the API answers
401 and retries the call, and turns failures into ApiError (whose .message is Swedish).
Responses are the API's JSON as dicts; see docs/api.md in the repository for their fields.
The connection is in apicalls/transport.py, the calls by area beside it.
"""

from wisdom_app.apicalls.accounts import AccountCalls
from wisdom_app.apicalls.admin import AdminCalls
from wisdom_app.apicalls.commerce import CommerceCalls
from wisdom_app.apicalls.community import CommunityCalls
from wisdom_app.apicalls.learning import LearningCalls
from wisdom_app.apicalls.transport import (
    STREAM_SILENCE_SECONDS,
    Json,
    ServerEvent,
    SessionEndedHandler,
    error_from_response,
    parse_event_stream,
)

__all__ = [
    "STREAM_SILENCE_SECONDS",
    "ApiClient",
    "Json",
    "ServerEvent",
    "SessionEndedHandler",
    "error_from_response",
    "parse_event_stream",
]


class ApiClient(AccountCalls, CommerceCalls, CommunityCalls, LearningCalls, AdminCalls):
    """The Wisdom API, one method per endpoint the app uses."""
