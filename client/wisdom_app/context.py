"""The AppState every screen reads, handed down the component tree as a context."""

import flet as ft

from wisdom_app.state import AppState

StateContext: ft.ContextProvider[AppState | None] = ft.create_context(None)


def use_app() -> AppState:
    """The app's state; re-renders the calling component when it changes."""
    state = ft.use_context(StateContext)
    if state is None:
        raise RuntimeError("use_app() outside the app's StateContext")
    return state
