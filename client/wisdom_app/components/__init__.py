"""Reusable pieces of the screens. None of them calls the API: a component draws what it is
given and reports what the person did through the handlers it is given."""

from wisdom_app.components.brand import cover_image, cover_picker, logo, with_thumbnail, wordmark
from wisdom_app.components.controls import choice_row, count_pill, icon_button
from wisdom_app.components.dialogs import ask, show_message
from wisdom_app.components.events import after_leaving, call, guard_leaving, navigate
from wisdom_app.components.forms import bind, error_text, info_text, use_form
from wisdom_app.components.layout import back_button, screen, scroll, section_title
from wisdom_app.components.orders import order_status
from wisdom_app.components.states import empty_state, error_state, loading_state, remote_view, stale_notice

__all__ = [
    "after_leaving",
    "ask",
    "back_button",
    "bind",
    "call",
    "choice_row",
    "count_pill",
    "cover_image",
    "cover_picker",
    "empty_state",
    "error_state",
    "error_text",
    "guard_leaving",
    "icon_button",
    "info_text",
    "loading_state",
    "logo",
    "navigate",
    "order_status",
    "remote_view",
    "screen",
    "scroll",
    "section_title",
    "show_message",
    "stale_notice",
    "use_form",
    "with_thumbnail",
    "wordmark",
]
