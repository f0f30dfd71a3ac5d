"""Calls about the community: the feed and its stream, the wall, messages, notifications."""

from collections.abc import AsyncIterator

import httpx

from wisdom_app.apicalls.transport import (
    STREAM_SILENCE_SECONDS,
    Json,
    ServerEvent,
    Transport,
    error_from_response,
    parse_event_stream,
)
from wisdom_app.errors import ApiError


class CommunityCalls(Transport):
    # ------------------------------------------------------------------ feed and wall

    async def feed(self, cursor: str | None = None) -> Json:
        return await self.page("/feed", cursor=cursor)

    async def wall_posts(self, cursor: str | None = None) -> Json:
        return await self.page("/wall/posts", cursor=cursor)

    async def create_post(self, body: str) -> Json:
        return await self._json("POST", "/wall/posts", json={"body": body})

    async def react(self, post_id: str, kind: str) -> Json:
        """Add a reaction; answers the post's {"reactions", "my_reactions"}."""
        return await self._json("PUT", f"/wall/posts/{post_id}/reactions/{kind}")

    async def unreact(self, post_id: str, kind: str) -> Json:
        return await self._json("DELETE", f"/wall/posts/{post_id}/reactions/{kind}")

    async def feed_events(
        self, last_event_id: str | None = None, silence_seconds: float = STREAM_SILENCE_SECONDS
    ) -> AsyncIterator[ServerEvent]:
        """The live event stream (feed items and direct messages) until the server closes it
        (at the latest when the access token expires). A 401 refreshes the token once. The
        server sends a heartbeat every 15 seconds: a stream silent for `silence_seconds` is
        taken as lost (a server gone without closing the connection) and raises."""
        for attempt in (1, 2):
            tokens = await self.current_tokens()
            headers = {"Accept": "text/event-stream"}
            if tokens:
                headers["Authorization"] = f"Bearer {tokens.access_token}"
            if last_event_id:
                headers["Last-Event-ID"] = last_event_id
            try:
                async with self._http.stream(
                    "GET",
                    "/feed/stream",
                    headers=headers,
                    timeout=httpx.Timeout(None, connect=5.0, read=silence_seconds),
                ) as response:
                    if response.status_code == 401 and tokens and attempt == 1:
                        await response.aread()
                        if await self._refresh(tokens.access_token):
                            continue
                        await self._session_ended()
                    if response.status_code >= 400:
                        await response.aread()
                        raise error_from_response(response)
                    # Tells the caller the stream is up before the first real event.
                    yield ServerEvent(event="open", data="")
                    async for event in parse_event_stream(response.aiter_lines()):
                        yield event
                    return
            except httpx.HTTPError as exc:
                raise ApiError(0, "network_error", str(exc)) from exc

    # ------------------------------------------------------------------ messages, notifications

    async def notifications(self, cursor: str | None = None) -> Json:
        """A page of notifications with "unread_count"."""
        return await self.page("/notifications", cursor=cursor)

    async def unread_notification_count(self) -> int:
        """How many notifications are unread (the bell's number)."""
        page = await self.page("/notifications", limit=1, unread=True)
        return int(page.get("unread_count", 0))

    async def mark_notifications_read(self, ids: list[int] | None = None) -> Json:
        """Mark these notifications read, or all of them; {"marked", "unread_count"}."""
        if ids:
            return await self._json("POST", "/notifications/read", json={"ids": ids})
        return await self._json("POST", "/notifications/read")

    async def conversations(self) -> Json:
        return await self.page("/conversations", limit=100)

    async def open_conversation(self, user_id: str) -> Json:
        return await self._json("POST", "/conversations", json={"user_id": user_id})

    async def conversation(self, conversation_id: str) -> Json:
        """One conversation with its "peer" (the other person)."""
        return await self._json("GET", f"/conversations/{conversation_id}")

    async def messages(self, conversation_id: str, cursor: str | None = None) -> Json:
        return await self.page(f"/conversations/{conversation_id}/messages", cursor=cursor, limit=50)

    async def send_message(self, conversation_id: str, body: str) -> Json:
        return await self._json("POST", f"/conversations/{conversation_id}/messages", json={"body": body})

    async def mark_conversation_read(self, conversation_id: str) -> None:
        await self.request("POST", f"/conversations/{conversation_id}/read")
