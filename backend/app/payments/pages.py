"""Small Swedish HTML pages served by the API itself: the dummy provider's checkout and
onboarding, and the default pages Checkout and Connect return to. No external assets."""

from html import escape

from app.orders.receipts import format_money

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f6f3ee;color:#2b2622;
margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:16px;padding:32px;max-width:420px;width:90%;
box-shadow:0 4px 24px rgba(0,0,0,.08)}
h1{font-size:1.4rem;margin:0 0 8px}.amount{font-size:2rem;font-weight:700;margin:16px 0}
.note{font-size:.85rem;color:#6b625a;background:#fff6e0;border-radius:8px;padding:8px 12px}
form,a.button{display:block;margin-top:16px}
button,a.button{width:100%;padding:14px;border-radius:10px;border:0;font-size:1rem;
cursor:pointer;text-align:center;text-decoration:none;box-sizing:border-box}
button{background:#5b3f8c;color:#fff}a.button{background:#ece7f3;color:#5b3f8c}
"""


def page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def message_page(title: str, text: str) -> str:
    return page(title, f"<h1>{escape(title)}</h1><p>{escape(text)}</p>")


def dummy_checkout_page(
    *, session_id: str, title: str, amount_cents: int, currency: str, cancel_url: str
) -> str:
    body = f"""
<h1>Betalning</h1>
<p>{escape(title)}</p>
<div class="amount">{escape(format_money(amount_cents, currency))}</div>
<p class="note">Testläge: ingen riktig betalning görs och inga pengar dras.</p>
<form method="post" action="/payments/dummy/checkout/{escape(session_id)}/pay">
  <button type="submit">Betala (testläge)</button>
</form>
<a class="button" href="{escape(cancel_url)}">Avbryt</a>
"""
    return page("Betalning (testläge)", body)


def dummy_onboarding_page(account_id: str, refresh_url: str) -> str:
    body = f"""
<h1>Utbetalningskonto</h1>
<p>Konto {escape(account_id)}</p>
<p class="note">Testläge: inga uppgifter behövs, kontot aktiveras direkt.</p>
<form method="post" action="/payouts/dummy/onboard/{escape(account_id)}/complete">
  <button type="submit">Slutför (testläge)</button>
</form>
<a class="button" href="{escape(refresh_url)}">Avbryt</a>
"""
    return page("Utbetalningar (testläge)", body)
