"""Paying an order the way a buyer does on the dummy provider's checkout page: read the page,
submit its "Betala (testläge)" form (used by the API-level tests; the UI tests click it)."""

import re

import httpx


async def pay_on_checkout_page(checkout_url: str) -> None:
    async with httpx.AsyncClient(follow_redirects=True, timeout=15) as http:
        page = await http.get(checkout_url)
        page.raise_for_status()
        assert "Betala (testläge)" in page.text
        action = re.search(r'<form method="post" action="([^"]+/pay)"', page.text)
        assert action, "the checkout page has no pay form"
        paid = await http.post(str(page.url.join(action.group(1))))
        assert paid.status_code < 400, paid.text
