"""A lesson's audio or video."""

from typing import Any

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import error_text
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.lesson import actions


@ft.component
def MediaPlayer(media: Json) -> ft.Control:
    """Video plays from the API with the session's token; audio is read into the app first
    (the audio player cannot send headers)."""
    state = use_app()
    content_type = str(media.get("content_type", ""))
    playing, set_playing = ft.use_state(False)
    error, set_error = ft.use_state("")
    player_ref = ft.use_ref(None)
    headers, set_headers = ft.use_state(None)

    async def load_headers() -> None:
        set_headers(await actions.media_headers(state))

    async def stop() -> None:
        if player_ref.current is not None:
            await player_ref.current.release()
            player_ref.current = None

    ft.use_effect(load_headers, [media.get("id")], cleanup=stop)

    if content_type.startswith("video/"):
        if headers is None:
            return ft.ProgressRing()
        return video_player(actions.media_url(state, str(media["id"])), headers)

    async def toggle() -> None:
        import flet_audio

        set_error("")
        try:
            if player_ref.current is None:
                data = await actions.media_bytes(state, str(media["id"]))
                player_ref.current = flet_audio.Audio(src=data)
            player: Any = player_ref.current
            if playing:
                await player.pause()
            else:
                await player.play()
            set_playing(not playing)
        except ApiError as exc:
            set_error(exc.message)

    return ft.Column(
        [
            ft.Row(
                [
                    ft.FilledTonalButton(
                        "Pausa" if playing else "Spela upp ljudet",
                        icon=ft.Icons.PAUSE if playing else ft.Icons.PLAY_ARROW,
                        on_click=toggle,
                    ),
                    ft.Text(f"{media.get('size_bytes', 0) // 1024} kB", size=theme.CAPTION),
                ]
            ),
            error_text(error),
        ]
    )


def video_player(url: str, headers: dict[str, str]) -> ft.Control:
    # Imported here: the video extension is only loaded when a lesson has a video.
    import flet_video

    return ft.Container(
        flet_video.Video(
            playlist=[flet_video.VideoMedia(url, http_headers=headers)],
            autoplay=False,
            aspect_ratio=16 / 9,
        ),
        height=320,
    )
