"""Where a seminar room opens: inside the app where the web view asks for camera and
microphone itself (iOS, macOS), in the browser everywhere else."""

import flet as ft

from wisdom_app.features.seminars.actions import room_opens_in_app


def test_the_room_opens_in_the_app_on_ios_and_macos_only() -> None:
    assert room_opens_in_app(ft.PagePlatform.IOS, web=False)
    assert room_opens_in_app(ft.PagePlatform.MACOS, web=False)
    for platform in (ft.PagePlatform.ANDROID, ft.PagePlatform.WINDOWS, ft.PagePlatform.LINUX, None):
        assert not room_opens_in_app(platform, web=False), platform
    # In a browser the room is a new tab, whatever the device.
    for platform in (ft.PagePlatform.IOS, ft.PagePlatform.MACOS, ft.PagePlatform.ANDROID):
        assert not room_opens_in_app(platform, web=True), platform
