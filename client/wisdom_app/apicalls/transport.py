"""The ApiClient's connection to the API: tokens, requests, refresh, errors, event streams."""

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from wisdom_app.errors import ApiError
from wisdom_app.storage import Tokens, TokenStore

log = logging.getLogger("wisdom.api")

Json = dict[str, Any]
# Called when the session ends (refresh refused): the app goes back to the sign-in screen.
SessionEndedHandler = Callable[[], Awaitable[None]]

# The live stream brings a heartbeat every 15 s (FEED_HEARTBEAT_SECONDS); this long without one
# and the connection is taken as lost.
STREAM_SILENCE_SECONDS = 45.0
# Calls that never carry or refresh a session.
_ANONYMOUS_PATHS = ("/auth/login", "/auth/register", "/auth/refresh", "/auth/password")


@dataclass
class ServerEvent:
    """One event of a text/event-stream."""

    event: str
    data: str
    id: str | None = None

    def json(self) -> Any:
        return json.loads(self.data) if self.data else None


class Transport:
    """The connection: the session's tokens, requests with one refresh on 401, the event
    stream, downloads. The calls by area build on it (wisdom_app/apicalls/)."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenStore,
        *,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.on_session_ended: SessionEndedHandler | None = None
        self._current: Tokens | None = None
        self._loaded = False
        self._refresh_lock = asyncio.Lock()
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=5.0),
            transport=transport,
            headers={"Accept": "application/json"},
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    # ------------------------------------------------------------------ session

    async def current_tokens(self) -> Tokens | None:
        if not self._loaded:
            self._current = await self.tokens.load()
            self._loaded = True
        return self._current

    async def has_session(self) -> bool:
        return await self.current_tokens() is not None

    async def _store(self, tokens: Tokens | None) -> None:
        self._current = tokens
        self._loaded = True
        if tokens is None:
            await self.tokens.clear()
        else:
            await self.tokens.save(tokens)

    async def _store_session(self, body: Json) -> Json:
        await self._store(Tokens(body["access_token"], body["refresh_token"]))
        return body

    async def _refresh(self, stale_access: str | None) -> bool:
        """Swap the refresh token for new tokens, once for all callers that saw the same 401.
        False when the API refused (the session is over)."""
        async with self._refresh_lock:
            current = await self.current_tokens()
            if current is None:
                return False
            if current.access_token != stale_access:
                return True  # another call refreshed while this one waited
            try:
                body = await self._send(
                    "POST",
                    "/auth/refresh",
                    json={"refresh_token": current.refresh_token},
                )
            except ApiError as exc:
                if exc.status in (400, 401, 403, 404, 422):
                    await self._store(None)
                    return False
                raise
            await self._store_session(body)
            return True

    # ------------------------------------------------------------------ transport

    async def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        token: str | None = None,
        files: Any = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        clean_params = {k: v for k, v in (params or {}).items() if v is not None}
        try:
            response = await self._http.request(
                method,
                path,
                json=json,
                params=clean_params,
                headers=headers,
                files=files,
            )
        except httpx.TimeoutException as exc:
            raise ApiError(0, "timeout", str(exc)) from exc
        except httpx.HTTPError as exc:
            raise ApiError(0, "network_error", str(exc)) from exc
        if response.status_code >= 400:
            raise error_from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        files: Any = None,
        auth: bool = True,
    ) -> Any:
        """One call; with a session, 401 leads to one refresh and one retry."""
        tokens = await self.current_tokens() if auth else None
        access = tokens.access_token if tokens else None
        try:
            return await self._send(method, path, json=json, params=params, token=access, files=files)
        except ApiError as exc:
            if exc.status != 401 or access is None or path.startswith(_ANONYMOUS_PATHS):
                raise
            if not await self._refresh(access):
                await self._session_ended()
                raise
        tokens = await self.current_tokens()
        return await self._send(
            method,
            path,
            json=json,
            params=params,
            token=tokens.access_token if tokens else None,
            files=files,
        )

    async def _session_ended(self) -> None:
        if self.on_session_ended is not None:
            await self.on_session_ended()

    # ------------------------------------------------------------------ helpers

    async def _json(self, method: str, path: str, **kwargs: Any) -> Json:
        result: Json = await self.request(method, path, **kwargs)
        return result

    async def page(self, path: str, *, cursor: str | None = None, limit: int = 20, **params: Any) -> Json:
        """One page of a list endpoint: {"items": [...], "next_cursor": str | None}."""
        return await self._json("GET", path, params={"cursor": cursor, "limit": limit, **params})

    async def media_bytes(self, media_id: str) -> bytes:
        """A media file's content (lesson audio, images), read with the session's token."""
        content, _ = await self.media_file(media_id)
        return content

    async def media_file(self, media_id: str) -> tuple[bytes, str]:
        """A media file's content and content type, read with the session's token."""
        return await self.download(f"/media/{media_id}")

    async def download(self, path: str) -> tuple[bytes, str]:
        """A file the API serves (media, a certificate's PDF): its bytes and content type, read
        with the session's token (refreshed once when it has expired)."""
        tokens = await self.current_tokens()
        headers = {"Authorization": f"Bearer {tokens.access_token}"} if tokens else {}
        try:
            response = await self._http.get(path, headers=headers, timeout=120)
        except httpx.HTTPError as exc:
            raise ApiError(0, "network_error", str(exc)) from exc
        if response.status_code == 401 and tokens and await self._refresh(tokens.access_token):
            return await self.download(path)
        if response.status_code >= 400:
            raise error_from_response(response)
        return response.content, response.headers.get("content-type", "application/octet-stream")

    async def auth_headers(self) -> dict[str, str]:
        """Headers a native media player sends to stream a file from the API."""
        tokens = await self.current_tokens()
        return {"Authorization": f"Bearer {tokens.access_token}"} if tokens else {}

    def media_link(self, media_id: str) -> str:
        return f"{self.base_url}/media/{media_id}"


def error_from_response(response: httpx.Response) -> ApiError:
    """The ApiError for an error response: the API's envelope, or the status alone."""
    try:
        body = response.json()
    except ValueError:
        body = None
    retry_after = response.headers.get("Retry-After")
    retry = int(retry_after) if retry_after and retry_after.isdigit() else None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        fields = body.get("fields") if isinstance(body.get("fields"), list) else []
        return ApiError(
            response.status_code,
            body["error"],
            str(body.get("detail", "")),
            fields=fields,
            retry_after=retry,
        )
    return ApiError(
        response.status_code,
        f"http_{response.status_code}",
        response.text[:200],
        retry_after=retry,
    )


async def parse_event_stream(lines: AsyncIterator[str]) -> AsyncIterator[ServerEvent]:
    """Events of a text/event-stream (comments and keep-alives are skipped)."""
    event, data, event_id = "message", [], None
    async for line in lines:
        if line == "":
            if data:
                yield ServerEvent(event=event, data="\n".join(data), id=event_id)
            event, data = "message", []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)
        elif name == "id":
            event_id = value
