"""The course certificate (Kursintyg) as a one-page A4 PDF, drawn with fpdf2.

The built-in PDF fonts cover Latin-1, which holds Swedish (å, ä, ö, é); any other character in
a name or title is replaced by its closest Latin-1 form, so no font file has to ship."""

import unicodedata
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
INK = (40, 36, 56)
ACCENT = (123, 97, 160)


def latin1(text: str) -> str:
    """Text the core fonts can draw: Latin-1 kept, other letters without their accents."""
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(plain or "?")
    return "".join(out)


def swedish_date(moment: datetime) -> str:
    local = moment.astimezone(STOCKHOLM)
    return f"{local.day} {SWEDISH_MONTHS[local.month - 1]} {local.year}"


def render_certificate(row: Any, verify_url: str) -> bytes:
    """The PDF of one certificate row (student, course, teacher, date, code)."""
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(latin1(f"Kursintyg - {row['course_title']}"))
    pdf.set_author("Wisdom by SoulWisdom")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.w - 2 * pdf.l_margin

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    pdf.set_text_color(*ACCENT)
    pdf.set_font("helvetica", "B", 14)
    pdf.set_y(28)
    pdf.cell(width, 8, "WISDOM BY SOULWISDOM", align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_text_color(*INK)
    pdf.set_font("helvetica", "B", 40)
    pdf.ln(8)
    pdf.cell(width, 18, "Kursintyg", align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_font("helvetica", "", 14)
    pdf.ln(6)
    pdf.cell(width, 8, "Härmed intygas att", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 26)
    pdf.ln(2)
    pdf.cell(width, 14, latin1(row["student_name"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 14)
    pdf.ln(2)
    pdf.cell(width, 8, "har genomfört kursen", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 20)
    pdf.ln(2)
    pdf.multi_cell(width, 10, latin1(row["course_title"]), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 14)
    pdf.ln(2)
    pdf.cell(
        width,
        8,
        latin1(f"med läraren {row['teacher_name']}"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )

    pdf.set_y(pdf.h - 50)
    pdf.set_font("helvetica", "", 12)
    pdf.cell(
        width,
        7,
        f"Utfärdat {swedish_date(row['issued_at'])}",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(width, 7, f"Verifieringskod: {row['code']}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 10)
    pdf.set_text_color(*ACCENT)
    pdf.cell(
        width,
        6,
        f"Kontrollera intyget: {verify_url}",
        align="C",
        link=verify_url,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
