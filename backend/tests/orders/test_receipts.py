"""The receipt PDF: what a Swedish kvitto must say, with å, ä and ö intact."""

import httpx

from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service
from tests.pdftext import pdf_text


async def test_receipt_pdf_has_the_order_seller_item_amount_vat_and_method(
    client: httpx.AsyncClient, make_user: MakeUser, db
) -> None:
    teacher = await make_user("teacher", "Åsa Öberg")
    buyer = await make_user("student", "Maja Berg")
    service = await published_service(
        client, teacher, title="Tarotläsning – året som kommer", price_cents=79000
    )
    order = await place_order(client, buyer, service["id"])
    await pay_with_dummy(client, buyer, order["id"])
    await db.execute("UPDATE app.app_config SET value = '1200' WHERE key = 'vat_rate_bps'")

    pdf = await client.get(f"/orders/{order['id']}/receipt", headers=buyer.headers)
    text = pdf_text(pdf.content)
    for expected in (
        "(Kvitto)",
        f"({order['order_number']})",
        "(Säljare)",
        "(Åsa Öberg)",
        "(Tarotläsning - året som kommer)",
        "(790,00 kr)",
        "(varav moms 12 %)",
        "(84,64 kr)",  # 79000 * 1200 / 11200
        "(Testbetalning \\(testläge\\))",
    ):
        assert expected in text, expected
