"""The brand in one place: palette, typefaces, spacing and radii. Screens and components take
their colours, sizes and corners from here, never from literals of their own."""

import flet as ft

# Palette: the seed the Material scheme is built from, and the few colours of our own.
SEED = ft.Colors.DEEP_PURPLE
MUTED = ft.Colors.ON_SURFACE_VARIANT
ACCENT = ft.Colors.PRIMARY
DANGER = ft.Colors.ERROR

# Type: sizes below the theme's text styles (captions, the bottom bar's labels).
CAPTION = 12
# Five labels side by side on a 390 px phone: "Meddelanden" fits on one line at 11.
NAV_LABEL = 11

# Spacing (logical pixels), from tight to roomy.
SPACE_XS = 4
SPACE_S = 8
SPACE_M = 12
SPACE_L = 16
SPACE_XL = 24

# Corners.
RADIUS_S = 8
RADIUS_M = 12
RADIUS_PILL = 10

# Widths: a sub-screen's body and a centred form.
CONTENT_MAX_WIDTH = 960
FORM_MAX_WIDTH = 420


def app_theme() -> ft.Theme:
    return ft.Theme(
        color_scheme_seed=SEED,
        navigation_bar_theme=ft.NavigationBarTheme(label_text_style=ft.TextStyle(size=NAV_LABEL)),
    )
