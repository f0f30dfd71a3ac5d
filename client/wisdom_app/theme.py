"""The brand in one place: palette, typefaces, spacing and radii. Screens and components take
their colours, sizes and corners from here, never from literals of their own.

The palette and the typefaces are web/BRAND.md's (the site's): its colour tokens are copied
from web/public/brand/colors.json (tests/test_theme.py checks that they still agree), and
the two typefaces are bundled in assets/fonts (nothing is fetched from a font service)."""

import flet as ft

# ---- Colour tokens (web/BRAND.md) -----------------------------------------------------------
LINNE = "#FAF6F0"  # page background
SAND = "#F2E9DC"  # alternate sections, navigation surfaces
LAVENDEL = "#EEE8F5"  # quiet highlight surfaces
VIT = "#FFFFFF"  # cards, inputs, text on amethyst buttons
NATT = "#2A2238"  # body text and headings
SKYMNING = "#5D5468"  # secondary text
AMETIST = "#5B4A8B"  # brand colour: primary buttons, links, focus
AMETIST_DJUP = "#47386F"  # pressed, app icon background
TERRAKOTTA = "#9C4F2E"  # warm accent text, errors
SALVIA = "#4F6B58"  # calm secondary accent, success
GULD = "#C89B50"  # decoration only on light surfaces (2.36:1 on linne)
GULD_LJUS = "#E2C48A"  # links on natt
ROSA = "#E9D3CB"  # soft decorative washes
# Not tokens: a hairline for outlines of cards and dividers (decoration, not text).
HAIRLINE = "#DDD5E4"

TOKENS = {
    "linne": LINNE,
    "sand": SAND,
    "lavendel": LAVENDEL,
    "vit": VIT,
    "natt": NATT,
    "skymning": SKYMNING,
    "ametist": AMETIST,
    "ametist-djup": AMETIST_DJUP,
    "terrakotta": TERRAKOTTA,
    "salvia": SALVIA,
    "guld": GULD,
    "guld-ljus": GULD_LJUS,
    "rosa": ROSA,
}

# Roles the screens use (Material roles, so dialogs and pickers follow too).
SEED = AMETIST
MUTED = ft.Colors.ON_SURFACE_VARIANT  # skymning: 6.65:1 on linne, 7.16:1 on vit
ACCENT = ft.Colors.PRIMARY  # ametist: 6.97:1 on linne
DANGER = ft.Colors.ERROR  # terrakotta: 5.46:1 on linne
SUCCESS = SALVIA  # 5.45:1 on linne

# ---- Typefaces (assets/fonts, SIL Open Font License) ---------------------------------------
HEADING_FONT = "Lora"  # headings and the wordmark: Lora 600
BODY_FONT = "Nunito Sans"  # body and UI
BODY_FONT_SEMIBOLD = "Nunito Sans SemiBold"  # buttons and labels
BODY_FONT_BOLD = "Nunito Sans Bold"
# Emoji in what people write (wall posts, messages): the web build has no emoji font of its
# own offline, so without this they were empty boxes. Monochrome Noto Emoji, as a fallback.
EMOJI_FONT = "Noto Emoji"
# Registered with page.fonts: family -> file under assets/.
FONTS = {
    HEADING_FONT: "fonts/Lora-SemiBold.ttf",
    BODY_FONT: "fonts/NunitoSans-Regular.ttf",
    BODY_FONT_SEMIBOLD: "fonts/NunitoSans-SemiBold.ttf",
    BODY_FONT_BOLD: "fonts/NunitoSans-Bold.ttf",
    EMOJI_FONT: "fonts/NotoEmoji-Regular.ttf",
}
# The logo for light backgrounds (assets/brand, copied from web/public/brand/logo-mark-512.png).
LOGO = "brand/logo-mark.png"

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

# Covers (courses, services, seminars) are drawn at 16:9.
COVER_ASPECT = 16 / 9


def color_scheme() -> ft.ColorScheme:
    """Material roles from the brand tokens, light mode, keeping BRAND.md's contrast pairs:
    natt on linne/sand/lavendel/vit for text, vit on ametist for primary buttons."""
    return ft.ColorScheme(
        primary=AMETIST,
        on_primary=VIT,
        primary_container=LAVENDEL,
        on_primary_container=NATT,
        secondary=SALVIA,
        on_secondary=VIT,
        secondary_container=SAND,
        on_secondary_container=NATT,
        tertiary=TERRAKOTTA,
        on_tertiary=VIT,
        tertiary_container=ROSA,
        on_tertiary_container=NATT,
        error=TERRAKOTTA,
        on_error=VIT,
        error_container=ROSA,
        on_error_container=NATT,
        surface=LINNE,
        on_surface=NATT,
        on_surface_variant=SKYMNING,
        surface_tint=AMETIST,
        surface_container_lowest=VIT,
        surface_container_low=VIT,
        surface_container=SAND,
        surface_container_high=SAND,
        surface_container_highest=LAVENDEL,
        surface_bright=LINNE,
        surface_dim=SAND,
        outline=SKYMNING,
        outline_variant=HAIRLINE,
        inverse_surface=NATT,
        on_inverse_surface=LINNE,
        inverse_primary=GULD_LJUS,
        shadow=NATT,
        scrim=NATT,
    )


def text_theme() -> ft.TextTheme:
    """Lora for headings (display, headline, the large title), Nunito Sans for the rest; every
    style falls back to the emoji font for the characters its face lacks."""

    def heading(size: int) -> ft.TextStyle:
        return ft.TextStyle(
            font_family=HEADING_FONT,
            size=size,
            weight=ft.FontWeight.W_600,
            color=NATT,
            font_family_fallback=[EMOJI_FONT],
        )

    def body(family: str = BODY_FONT) -> ft.TextStyle:
        return ft.TextStyle(font_family=family, font_family_fallback=[EMOJI_FONT])

    return ft.TextTheme(
        display_large=heading(48),
        display_medium=heading(40),
        display_small=heading(34),
        headline_large=heading(30),
        headline_medium=heading(26),
        headline_small=heading(22),
        title_large=heading(20),
        title_medium=body(BODY_FONT_SEMIBOLD),
        title_small=body(BODY_FONT_SEMIBOLD),
        body_large=body(),
        body_medium=body(),
        body_small=body(),
        label_large=body(BODY_FONT_SEMIBOLD),
        label_medium=body(BODY_FONT_SEMIBOLD),
        label_small=body(BODY_FONT_SEMIBOLD),
    )


def app_theme() -> ft.Theme:
    return ft.Theme(
        color_scheme_seed=SEED,
        color_scheme=color_scheme(),
        font_family=BODY_FONT,
        text_theme=text_theme(),
        primary_text_theme=text_theme(),
        scaffold_bgcolor=LINNE,
        canvas_color=LINNE,
        card_bgcolor=VIT,
        divider_color=HAIRLINE,
        navigation_bar_theme=ft.NavigationBarTheme(
            bgcolor=SAND,
            indicator_color=LAVENDEL,
            label_text_style=ft.TextStyle(size=NAV_LABEL, font_family=BODY_FONT_SEMIBOLD),
        ),
        navigation_rail_theme=ft.NavigationRailTheme(bgcolor=LINNE, indicator_color=LAVENDEL),
    )
