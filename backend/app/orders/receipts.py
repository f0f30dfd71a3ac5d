"""Receipts (kvitton): a PDF per paid order, mailed to the buyer when the order is paid and
served at GET /orders/{id}/receipt. The price includes VAT (moms) at the platform's rate
(app_config vat_rate_bps); the receipt shows the rate and the VAT part of the amount.

The mailed PDF is rendered when the mail is delivered, not in the payment's request: the outbox
row holds the receipt as it was at payment (the order and the VAT rate, RENDERER's data), and
the mail worker renders that with render_pdf (registered below with app.mail)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fpdf import FPDF

from app.mail.service import register_renderer, rendered_attachment
from app.orders.schemas import Order

MERCHANT = "Wisdom by SoulWisdom"
PAYMENT_METHOD_LABELS = {
    "card": "Kort",
    "klarna": "Klarna",
    "swish": "Swish",
    "dummy": "Testbetalning (testläge)",
    "free": "Kostnadsfri",
    "stripe": "Stripe",
}

try:
    STOCKHOLM: ZoneInfo | None = ZoneInfo("Europe/Stockholm")
except ZoneInfoNotFoundError:  # a system without tz data: times are shown in UTC
    STOCKHOLM = None


@dataclass(frozen=True)
class Receipt:
    order: Order
    vat_rate_bps: int

    @property
    def vat_cents(self) -> int:
        """The VAT part of a price that includes VAT: amount * rate / (1 + rate)."""
        return round(self.order.amount_cents * self.vat_rate_bps / (10000 + self.vat_rate_bps))

    @property
    def filename(self) -> str:
        return f"kvitto-{self.order.order_number}.pdf"


def format_money(cents: int, currency: str = "SEK") -> str:
    """1234500 -> '12 345,00 kr' (Swedish style)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", " ")
    unit = "kr" if currency == "SEK" else currency
    return f"{sign}{grouped},{part:02d} {unit}"


def format_rate(bps: int) -> str:
    whole, part = divmod(bps, 100)
    return f"{whole} %" if part == 0 else f"{whole},{part:02d} %"


def local_time(moment: datetime) -> str:
    shown = moment.astimezone(STOCKHOLM) if STOCKHOLM else moment
    return shown.strftime("%Y-%m-%d %H:%M")


def payment_method_label(method: str) -> str:
    return PAYMENT_METHOD_LABELS.get(method, method or "Stripe")


def receipt_lines(receipt: Receipt) -> list[tuple[str, str]]:
    """The receipt's content as label/value pairs (the PDF and the mail show the same)."""
    order = receipt.order
    assert order.paid_at is not None  # noqa: S101 - receipts exist for paid orders only
    lines = [
        ("Ordernummer", str(order.order_number)),
        ("Datum", local_time(order.paid_at)),
        ("Säljare", order.seller_name),
        ("Köpare", order.buyer_name),
        ("Artikel", order.item_title),
        ("Belopp", format_money(order.amount_cents, order.currency)),
        (
            f"varav moms {format_rate(receipt.vat_rate_bps)}",
            format_money(receipt.vat_cents, order.currency),
        ),
        ("Betalsätt", payment_method_label(order.payment_method)),
    ]
    if order.refunded_cents:
        lines.append(("Återbetalt", format_money(order.refunded_cents, order.currency)))
    return lines


_PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."})


def _latin1(text: str) -> str:
    """The PDF's core font covers Latin-1 (å, ä, ö, é ...): typographic dashes and quotes become
    their plain forms, anything else '?'."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def render_pdf(receipt: Receipt) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Kvitto {receipt.order.order_number}"))
    pdf.set_author(MERCHANT)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 12, _latin1("Kvitto"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 7, _latin1(MERCHANT), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for label, value in receipt_lines(receipt):
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(55, 8, _latin1(label))
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 8, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0,
        5,
        _latin1(
            "Priset inkluderar moms. Tack för ditt köp! Frågor om köpet? Kontakta säljaren i appen."
        ),
    )
    return bytes(pdf.output())


def mail_text(receipt: Receipt) -> str:
    order = receipt.order
    rows = "\n".join(f"{label}: {value}" for label, value in receipt_lines(receipt))
    return (
        f"Hej {order.buyer_name}!\n\n"
        f"Tack för ditt köp hos {MERCHANT}. Här är ditt kvitto (det finns också som PDF i "
        f"bilagan).\n\n{rows}\n\nVänliga hälsningar\n{MERCHANT}\n"
    )


# --- the mailed receipt: rendered at delivery ----------------------------------------------------
RENDERER = "receipt_pdf"  # app.mail.service.RENDERER_MODULES names this module for it


def receipt_attachment(receipt: Receipt) -> dict[str, Any]:
    """The receipt's PDF as a mail attachment that the mail worker renders at delivery."""
    data = {"order": receipt.order.model_dump(mode="json"), "vat_rate_bps": receipt.vat_rate_bps}
    return rendered_attachment(receipt.filename, "application/pdf", RENDERER, data)


def render_receipt_data(data: dict[str, Any]) -> bytes:
    """The PDF of a receipt_attachment's data."""
    return render_pdf(Receipt(Order.model_validate(data["order"]), int(data["vat_rate_bps"])))


register_renderer(RENDERER, render_receipt_data)
