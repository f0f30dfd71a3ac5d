#!/usr/bin/env python3
"""Draw the demo covers (backend/app/media/demo_covers/*.png): soft gradients in the palette of
web/BRAND.md with a calm horizon and a sun, moon or lotus. Drawn for this project.

    client/.venv/bin/python scripts/draw_demo_covers.py     (Pillow is in the app's dev tools)
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "backend" / "app" / "media" / "demo_covers"
S = 3.2  # the drawing is laid out on 800x450 and drawn at 2560x1440, saved at 1280x720
W, H = 2560, 1440
Colour = tuple[int, int, int]


def hx(value: str) -> Colour:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


P = {
    name: hx(value)
    for name, value in {
        "linne": "#FAF6F0",
        "sand": "#F2E9DC",
        "lavendel": "#EEE8F5",
        "natt": "#2A2238",
        "ametist": "#5B4A8B",
        "djup": "#47386F",
        "terrakotta": "#9C4F2E",
        "salvia": "#4F6B58",
        "guld": "#C89B50",
        "guldljus": "#E2C48A",
        "rosa": "#E9D3CB",
        "petal": "#8C7BB8",
        "petal2": "#C9BCE6",
    }.items()
}


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def gradient(top: Colour, bottom: Colour) -> Image.Image:
    img = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(img)
    for y in range(H):
        draw.line([(0, y), (W, y)], fill=mix(top, bottom, y / (H - 1)))
    return img


def glow(img: Image.Image, cx: float, cy: float, r: float, colour: Colour, blur: float) -> None:
    cx, cy, r, blur = cx * S, cy * S, r * S, blur * S
    layer = Image.new("RGBA", img.size, (*colour, 0))
    ImageDraw.Draw(layer).ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*colour, 255))
    layer = layer.filter(ImageFilter.GaussianBlur(blur))
    img.paste(layer, (0, 0), layer)


def hills(img: Image.Image, base: float, amp: float, colour: Colour, phase: float = 0.0) -> None:
    base, amp = base * S, amp * S
    points = [
        (x, base + amp * math.sin(x / W * math.pi * 1.6 + phase)) for x in range(0, W + 10, 10)
    ]
    ImageDraw.Draw(img).polygon([(0, H), *points, (W, H)], fill=colour)


def lotus(img: Image.Image, cx: float, cy: float, s: float, colour: Colour, side: Colour) -> None:
    cx, cy, s = cx * S, cy * S, s * S
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.ellipse([cx - s * 0.35, cy - s, cx + s * 0.35, cy + s * 0.15], fill=(*colour, 235))
    for k in (-1, 1):
        x = cx + k * s * 0.55
        draw.ellipse([x - s * 0.3, cy - s * 0.6, x + s * 0.3, cy + s * 0.15], fill=(*side, 220))
    img.paste(layer, (0, 0), layer)


def save(img: Image.Image, name: str) -> None:
    small = img.convert("RGB").resize((W // 2, H // 2), Image.Resampling.LANCZOS)
    small.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG
    ).save(OUT / f"{name}.png", optimize=True)


def main() -> None:
    img = gradient(P["lavendel"], P["rosa"])  # introduction to meditation: dawn, a golden sun
    glow(img, 560, 190, 70, P["guldljus"], 30)
    glow(img, 560, 190, 38, P["guld"], 4)
    hills(img, 330, 12, mix(P["petal2"], P["lavendel"], 0.3))
    hills(img, 360, 10, P["petal"], 1.5)
    lotus(img, 250, 300, 80, P["ametist"], P["petal"])
    save(img, "intro-meditation")

    img = gradient(P["sand"], mix(P["salvia"], P["sand"], 0.55))  # yin yoga: sage, a soft moon
    glow(img, 230, 150, 90, P["linne"], 40)
    hills(img, 300, 25, mix(P["salvia"], P["sand"], 0.35), 0.5)
    hills(img, 350, 18, P["salvia"], 2.2)
    save(img, "yin-yoga")

    img = gradient(P["natt"], P["djup"])  # tarot: night sky, a gold spark
    glow(img, 400, 170, 110, P["ametist"], 60)
    glow(img, 400, 170, 26, P["guldljus"], 6)
    for x, y, r in (
        (120, 80, 3),
        (680, 110, 2),
        (560, 60, 2),
        (250, 200, 2),
        (720, 260, 3),
        (80, 300, 2),
    ):
        glow(img, x, y, r, P["guldljus"], 1)
    hills(img, 370, 10, mix(P["natt"], P["djup"], 0.4))
    save(img, "tarot-grund")

    img = gradient(P["rosa"], mix(P["terrakotta"], P["rosa"], 0.4))  # a reading: terracotta dusk
    glow(img, 600, 240, 80, P["guldljus"], 30)
    hills(img, 320, 20, mix(P["terrakotta"], P["rosa"], 0.6))
    hills(img, 370, 14, P["terrakotta"], 1.9)
    save(img, "tarot-60")

    img = gradient(P["linne"], P["lavendel"])  # coaching: lavender paths
    glow(img, 180, 120, 60, P["rosa"], 30)
    hills(img, 310, 30, mix(P["petal"], P["lavendel"], 0.5), 1.0)
    hills(img, 360, 20, P["petal"], 2.8)
    save(img, "coaching-45")

    img = gradient(P["linne"], P["sand"])  # private yoga: sand and sage, a sun
    glow(img, 620, 150, 70, P["guldljus"], 25)
    hills(img, 330, 18, mix(P["salvia"], P["sand"], 0.5), 2.0)
    lotus(img, 300, 290, 70, P["salvia"], mix(P["salvia"], P["sand"], 0.5))
    save(img, "yoga-privat")

    img = gradient(P["djup"], P["natt"])  # full-moon meditation
    glow(img, 520, 160, 120, P["petal"], 70)
    glow(img, 520, 160, 60, P["linne"], 3)
    hills(img, 340, 14, mix(P["natt"], P["djup"], 0.5), 0.3)
    lotus(img, 220, 330, 60, P["petal2"], P["petal"])
    save(img, "fullmane")

    img = gradient(P["ametist"], P["djup"])  # tarot live: amethyst and gold
    glow(img, 250, 200, 100, P["rosa"], 60)
    glow(img, 250, 200, 30, P["guldljus"], 5)
    hills(img, 360, 16, P["natt"], 1.2)
    save(img, "tarot-live")


if __name__ == "__main__":
    main()
