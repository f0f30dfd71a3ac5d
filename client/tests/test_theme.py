"""The app's brand follows web/BRAND.md: the palette agrees with web/public/brand/colors.json,
the text pairs keep their contrast, and the fonts, licences, logo and icons are bundled."""

import json
from pathlib import Path

from wisdom_app import theme

CLIENT = Path(__file__).resolve().parents[1]
REPO = CLIENT.parent
ASSETS = CLIENT / "assets"


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (channel(int(h[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_palette_is_the_sites() -> None:
    tokens = json.loads((REPO / "web" / "public" / "brand" / "colors.json").read_text())
    assert {name: token["hex"].upper() for name, token in tokens.items()} == {
        name: value.upper() for name, value in theme.TOKENS.items()
    }


def test_the_colour_scheme_keeps_brand_md_contrast_pairs() -> None:
    scheme = theme.color_scheme()
    pairs = [
        (scheme.on_surface, scheme.surface),  # natt on linne: body text
        (scheme.on_surface_variant, scheme.surface),  # skymning on linne: secondary text
        (scheme.on_surface_variant, scheme.surface_container_low),  # skymning on vit: on cards
        (scheme.primary, scheme.surface),  # ametist on linne: links, text buttons
        (scheme.on_primary, scheme.primary),  # vit on ametist: primary buttons
        (scheme.on_primary_container, scheme.primary_container),  # natt on lavendel
        (scheme.on_secondary_container, scheme.secondary_container),  # natt on sand
        (scheme.error, scheme.surface),  # terrakotta on linne: error messages
        (scheme.on_error, scheme.error),
        (scheme.on_tertiary, scheme.tertiary),
        (scheme.on_inverse_surface, scheme.inverse_surface),  # linne on natt
        (scheme.inverse_primary, scheme.inverse_surface),  # guld-ljus on natt
        (theme.SUCCESS, theme.LINNE),
    ]
    for text, background in pairs:
        assert isinstance(text, str) and isinstance(background, str)
        assert contrast(text, background) >= 4.5, (text, background)
    assert scheme.surface == theme.LINNE and scheme.on_surface == theme.NATT and scheme.primary == theme.AMETIST


def test_the_typefaces_are_bundled_with_their_licences() -> None:
    for family, path in theme.FONTS.items():
        data = (ASSETS / path).read_bytes()
        assert data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"), family  # a TrueType/OpenType file
    fonts = ASSETS / "fonts"
    assert "SIL Open Font License" in (fonts / "OFL-Lora.txt").read_text()
    assert "SIL Open Font License" in (fonts / "OFL-NunitoSans.txt").read_text()
    assert "SIL Open Font License" in (fonts / "OFL-NotoEmoji.txt").read_text()
    # Every text style falls back to the emoji font (the web build has none of its own).
    styles = theme.text_theme()
    for name in ("body_medium", "title_large", "label_large", "headline_small"):
        assert getattr(styles, name).font_family_fallback == [theme.EMOJI_FONT], name
    assert theme.app_theme().font_family == theme.BODY_FONT


def test_the_logo_icons_and_splash_come_from_the_brand_files() -> None:
    brand = REPO / "web" / "public" / "brand"
    copies = {
        theme.LOGO: "logo-mark-512.png",
        "icon.png": "icon-1024.png",
        "icon_ios.png": "icon-1024.png",
        "icon_android.png": "android-chrome-512.png",
        "icon_web.png": "android-chrome-512.png",
        "splash.png": "logo-mark-512.png",
        "splash_dark.png": "logo-mark-light-512.png",
    }
    for asset, source in copies.items():
        assert (ASSETS / asset).read_bytes() == (brand / source).read_bytes(), asset
