"""A small fake of Stripe's HTTP API for tests: a real HTTP server on 127.0.0.1 that speaks
Stripe's wire format (form-encoded requests with nested keys, JSON objects shaped like Stripe's
own example objects in stripe_fixtures/fixtures3.json), records every request and honours
Idempotency-Key as Stripe does: the same key with the same parameters replays the first
response; with other parameters it is an idempotency_error. It can hold back a response longer
than the client waits, to test timeouts and retries. Events are built from the same objects and
signed exactly as Stripe signs webhooks.

As in current API versions (2022-11-15 on), a charge does not embed its refunds: a refund's
status changes arrive in its own events (refund.updated, refund.failed, charge.refund.updated).
A refund is created `succeeded` (cards) or, with `refund_status = "pending"`, pending until
`refund_events` settles it."""

import copy
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).resolve().parent / "stripe_fixtures" / "fixtures3.json"
API_KEY = "sk_test_fake_wisdom"
WEBHOOK_SECRET = "whsec_test_fake_wisdom_webhooks"


def load_fixtures() -> dict[str, Any]:
    resources: dict[str, Any] = json.loads(FIXTURES.read_text())["resources"]
    return resources


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<payload>">."""
    moment = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{moment}.".encode() + payload, hashlib.sha256)
    return f"t={moment},v1={digest.hexdigest()}"


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node: Any) -> Any:
        if isinstance(node, dict):
            fixed = {k: listify(v) for k, v in node.items()}
            if fixed and all(k.isdigit() for k in fixed):
                return [fixed[k] for k in sorted(fixed, key=int)]
            return fixed
        return node

    nested: dict[str, Any] = listify(root)
    return nested


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass
class Recorded:
    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Delay:
    path: str
    seconds: float
    times: int


@dataclass
class FakeStripe:
    fixtures: dict[str, Any] = field(default_factory=load_fixtures)
    requests: list[Recorded] = field(default_factory=list)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Payment intents made when a session is paid: id -> {amount, metadata, session, types}.
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Every event Stripe made (delivered as a webhook or not), oldest first: GET /v1/events.
    events: list[dict[str, Any]] = field(default_factory=list)
    # (method, path, key) -> (params, status, body)
    idempotent: dict[tuple[str, str, str], tuple[dict[str, Any], int, dict[str, Any]]] = field(
        default_factory=dict
    )
    delays: list[Delay] = field(default_factory=list)
    payment_method_type: str = "card"
    # The status a new refund gets: "succeeded" (cards, at once) or "pending".
    refund_status: str = "succeeded"
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""
    _server: ThreadingHTTPServer | None = None

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> "FakeStripe":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._serve(self, "GET")

            def do_POST(self) -> None:
                fake._serve(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.sessions.clear()
            self.refunds.clear()
            self.intents.clear()
            self.accounts.clear()
            self.events.clear()
            self.idempotent.clear()
            self.delays.clear()
            self.payment_method_type = "card"
            self.refund_status = "succeeded"

    def delay(self, path: str, seconds: float, times: int = 1) -> None:
        """Hold back the next `times` responses to `path` for `seconds` (after processing)."""
        with self.lock:
            self.delays.append(Delay(path, seconds, times))

    def calls(self, method: str, path: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    # --- HTTP ---------------------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode() if length else ""
        params = _nest(parse_qsl(body if method == "POST" else url.query, keep_blank_values=True))
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self.lock:
            self.requests.append(Recorded(method, url.path, params, headers))
        status, payload, replayed = self._respond(method, url.path, params, headers)
        wait = self._take_delay(url.path)
        if wait:
            time.sleep(wait)
        data = json.dumps(payload).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.send_header("Request-Id", _id("req"))
            if replayed:
                handler.send_header("Idempotent-Replayed", "true")
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test)

    def _take_delay(self, path: str) -> float:
        with self.lock:
            for d in self.delays:
                if d.path == path and d.times > 0:
                    d.times -= 1
                    return d.seconds
        return 0.0

    def _respond(
        self, method: str, path: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], bool]:
        if headers.get("authorization") != f"Bearer {API_KEY}":
            return 401, _error("invalid_request_error", "Invalid API Key provided"), False
        key = headers.get("idempotency-key")
        if method == "POST" and key:
            with self.lock:
                stored = self.idempotent.get((method, path, key))
                if stored is not None:
                    first_params, status, body = stored
                    if first_params != params:
                        return (
                            400,
                            _error(
                                "idempotency_error",
                                "Keys for idempotent requests can only be used with the same "
                                "parameters they were first used with.",
                            ),
                            False,
                        )
                    return status, body, True
                status, body = self._route(method, path, params)
                self.idempotent[(method, path, key)] = (params, status, body)
                return status, body, False
        with self.lock:
            status, body = self._route(method, path, params)
        return status, body, False

    def _route(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")
        if method == "POST" and path == "/v1/checkout/sessions":
            return 200, self._create_session(params)
        if method == "GET" and path == "/v1/checkout/sessions":
            return self._list_sessions(params)
        if parts[:3] == ["v1", "checkout", "sessions"] and len(parts) >= 4:
            session = self.sessions.get(parts[3])
            if session is None:
                return 404, _error(
                    "invalid_request_error", "No such checkout.session", "resource_missing"
                )
            if method == "GET" and len(parts) == 4:
                return 200, {k: v for k, v in session.items() if not k.startswith("_")}
            if method == "POST" and parts[4:] == ["expire"]:
                if session["status"] != "open":
                    return 400, _error(
                        "invalid_request_error",
                        'Only Checkout Sessions with a status in ["open"] can be expired.',
                    )
                session["status"] = "expired"
                return 200, session
        if method == "POST" and path == "/v1/refunds":
            return 200, self._create_refund(params)
        if method == "GET" and parts[:2] == ["v1", "refunds"] and len(parts) == 3:
            refund = self.refunds.get(parts[2])
            if refund is None:
                return 404, _error("invalid_request_error", "No such refund", "resource_missing")
            return 200, copy.deepcopy(refund)
        if method == "POST" and path == "/v1/accounts":
            return 200, self._create_account(params)
        if method == "GET" and parts[:2] == ["v1", "accounts"] and len(parts) == 3:
            account = self.accounts.get(parts[2])
            if account is None:
                return 404, _error("invalid_request_error", "No such account", "resource_missing")
            return 200, account
        if method == "POST" and path == "/v1/account_links":
            link = copy.deepcopy(self.fixtures["account_link"])
            link.update(
                created=int(time.time()),
                expires_at=int(time.time()) + 300,
                url=f"https://connect.stripe.com/setup/e/{params['account']}/{secrets.token_hex(6)}",
            )
            return 200, link
        if method == "GET" and parts[:2] == ["v1", "payment_intents"] and len(parts) == 3:
            if parts[2] not in self.intents:
                return 404, _error(
                    "invalid_request_error",
                    f"No such payment_intent: '{parts[2]}'",
                    "resource_missing",
                )
            return 200, self._payment_intent(parts[2], params)
        if method == "GET" and path == "/v1/events":
            return self._list_events(params)
        return 404, _error("invalid_request_error", f"Unrecognized request URL ({method}: {path})")

    # --- objects ------------------------------------------------------------------------------
    def _create_session(self, params: dict[str, Any]) -> dict[str, Any]:
        session = copy.deepcopy(self.fixtures["checkout.session"])
        session_id = f"cs_test_{secrets.token_hex(29)}"
        item = params["line_items"][0]
        amount = int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
        session.update(
            id=session_id,
            url=f"https://checkout.stripe.com/c/pay/{session_id}",
            amount_subtotal=amount,
            amount_total=amount,
            currency=item["price_data"]["currency"],
            client_reference_id=params.get("client_reference_id"),
            metadata=params.get("metadata", {}),
            payment_method_types=params.get("payment_method_types", ["card"]),
            success_url=params["success_url"],
            cancel_url=params["cancel_url"],
            expires_at=int(params["expires_at"]),
            customer_email=params.get("customer_email"),
            created=int(time.time()),
            payment_intent=None,
            status="open",
            payment_status="unpaid",
            livemode=False,
            shipping_cost=None,
            total_details={"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
            currency_conversion=None,
        )
        # What Stripe keeps for the payment intent it makes when the buyer pays.
        session["_intent_data"] = params.get("payment_intent_data", {})
        self.sessions[session_id] = session
        return {k: v for k, v in session.items() if not k.startswith("_")}

    def _list_sessions(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """GET /v1/checkout/sessions, filtered by payment_intent as Stripe does, newest first."""
        limit = int(params.get("limit", 10))
        if not 1 <= limit <= 100:
            return 400, _error("invalid_request_error", "Invalid integer: limit")
        intent = params.get("payment_intent")
        matching = [
            {k: v for k, v in s.items() if not k.startswith("_")}
            for s in reversed(self.sessions.values())
            if intent is None or s.get("payment_intent") == intent
        ]
        return 200, {
            "object": "list",
            "data": copy.deepcopy(matching[:limit]),
            "has_more": len(matching) > limit,
            "url": "/v1/checkout/sessions",
        }

    def _create_refund(self, params: dict[str, Any]) -> dict[str, Any]:
        refund = copy.deepcopy(self.fixtures["refund"])
        intent = params.get("payment_intent")
        refund.update(
            id=_id("re"),
            amount=int(params["amount"]),
            payment_intent=intent,
            charge=_charge_id(intent or ""),
            currency="sek",
            metadata=params.get("metadata", {}),
            created=int(time.time()),
            status=self.refund_status,
        )
        if refund["status"] == "pending":
            refund["pending_reason"] = "processing"
        self.refunds[refund["id"]] = refund
        return copy.deepcopy(refund)  # the answer as it was made, whatever happens to it later

    def _create_account(self, params: dict[str, Any]) -> dict[str, Any]:
        account = copy.deepcopy(self.fixtures["account"])
        account.update(
            id=f"acct_{secrets.token_hex(8)}",
            type=params.get("type", "express"),
            country=params.get("country", "SE"),
            email=params.get("email"),
            default_currency="sek",
            metadata=params.get("metadata", {}),
            charges_enabled=False,
            payouts_enabled=False,
            details_submitted=False,
            created=int(time.time()),
        )
        self.accounts[account["id"]] = account
        return account

    def _charge(self, intent_id: str, amount: int, metadata: dict[str, Any]) -> dict[str, Any]:
        charge = copy.deepcopy(self.fixtures["charge"])
        del charge["refunds"]  # not part of a charge in current API versions
        charge.update(
            id=_charge_id(intent_id),
            amount=amount,
            amount_captured=amount,
            currency="sek",
            payment_intent=intent_id,
            metadata=metadata,
            paid=True,
            captured=True,
            status="succeeded",
            source=None,
        )
        charge["payment_method_details"] = {
            "type": self.payment_method_type,
            self.payment_method_type: charge["payment_method_details"].get("card", {}),
        }
        return charge

    def _payment_intent(self, intent_id: str, params: dict[str, Any]) -> dict[str, Any]:
        known = self.intents[intent_id]
        amount, metadata = known["amount"], known["metadata"]
        intent = copy.deepcopy(self.fixtures["payment_intent"])
        intent.update(
            id=intent_id,
            amount=amount,
            amount_received=amount,
            currency="sek",
            status="succeeded",
            metadata=metadata,
            payment_method_types=known["payment_method_types"],
        )
        charge = self._charge(intent_id, amount, metadata)
        expand = params.get("expand") or []
        intent["latest_charge"] = charge if "latest_charge" in expand else charge["id"]
        return intent

    def _list_events(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """GET /v1/events as Stripe answers it: newest first, `limit` (1-100, default 10) a
        page, filtered by created[gt|gte|lt|lte] and types[], paged with starting_after."""
        limit = int(params.get("limit", 10))
        if not 1 <= limit <= 100:
            return 400, _error("invalid_request_error", "Invalid integer: limit")
        created = params.get("created", {})
        bounds = created if isinstance(created, dict) else {"eq": created}
        types = params.get("types") or ([params["type"]] if "type" in params else None)
        tests = {
            "gt": lambda c, v: c > v,
            "gte": lambda c, v: c >= v,
            "lt": lambda c, v: c < v,
            "lte": lambda c, v: c <= v,
            "eq": lambda c, v: c == v,
        }
        matching = [
            e
            for e in reversed(self.events)
            if (types is None or e["type"] in types)
            and all(tests[op](e["created"], int(v)) for op, v in bounds.items())
        ]
        after = params.get("starting_after")
        if after is not None:
            ids = [e["id"] for e in matching]
            if after not in ids:
                return 400, _error("invalid_request_error", f"No such event: '{after}'")
            matching = matching[ids.index(after) + 1 :]
        page = matching[:limit]
        return 200, {
            "object": "list",
            "data": copy.deepcopy(page),
            "has_more": len(matching) > limit,
            "url": "/v1/events",
        }

    # --- what Stripe would send -----------------------------------------------------------------
    def event(self, type_: str, obj: dict[str, Any], created: int | None = None) -> dict[str, Any]:
        """An event as Stripe makes it (and keeps it for GET /v1/events, whether or not its
        webhook is ever delivered)."""
        event = copy.deepcopy(self.fixtures["event"])
        event.update(
            id=f"evt_{secrets.token_hex(12)}",
            type=type_,
            created=int(time.time()) if created is None else created,
            api_version="2026-10-28.endive",
            data={"object": obj},
            livemode=False,
            pending_webhooks=1,
        )
        # No lock: account_event calls this holding it (a list append is atomic anyway).
        self.events.append(copy.deepcopy(event))
        return event

    def complete(self, session_id: str, payment_status: str = "paid") -> dict[str, Any]:
        """The session as Stripe shows it once the buyer has paid (or started a delayed
        payment): complete, with its payment intent."""
        with self.lock:
            session = self.sessions[session_id]
            session["status"] = "complete"
            session["payment_status"] = payment_status
            session["payment_intent"] = session["payment_intent"] or _id("pi")
            self.intents.setdefault(
                session["payment_intent"],
                {
                    "amount": session["amount_total"],
                    "metadata": copy.deepcopy(session["_intent_data"].get("metadata", {})),
                    "payment_method_types": session["payment_method_types"],
                },
            )
            return {k: v for k, v in copy.deepcopy(session).items() if not k.startswith("_")}

    def session_event(
        self, type_: str, session_id: str, payment_status: str = "paid"
    ) -> dict[str, Any]:
        if type_ == "checkout.session.expired":
            with self.lock:
                session = self.sessions[session_id]
                session["status"] = "expired"
                obj = {k: v for k, v in copy.deepcopy(session).items() if not k.startswith("_")}
            return self.event(type_, obj)
        return self.event(type_, self.complete(session_id, payment_status))

    def charge_refunded_event(
        self, session_id: str, refunded_total: int, with_metadata: bool = True
    ) -> dict[str, Any]:
        """charge.refunded with the charge's cumulative refunded amount (pending refunds
        included, as Stripe counts them); the charge carries the payment intent's metadata, as
        Stripe copies it, unless `with_metadata` is False (a charge without order metadata).
        Its refunds are not embedded (current API versions)."""
        session = self.complete(session_id, self.sessions[session_id]["payment_status"])
        with self.lock:
            metadata = self.sessions[session_id]["_intent_data"].get("metadata", {})
        charge = self._charge(
            session["payment_intent"], session["amount_total"], metadata if with_metadata else {}
        )
        charge.update(
            amount_refunded=refunded_total,
            refunded=refunded_total >= session["amount_total"],
        )
        return self.event("charge.refunded", charge)

    def refund_events(
        self, refund_id: str, status: str, failure_reason: str | None = None
    ) -> dict[str, dict[str, Any]]:
        """The refund's status changes (pending -> succeeded | failed | canceled, or a
        succeeded refund that fails later): the events Stripe makes for it, by type
        (refund.updated and charge.refund.updated; refund.failed too when it failed)."""
        with self.lock:
            refund = self.refunds[refund_id]
            refund["status"] = status
            refund.pop("pending_reason", None)
            if status == "failed":
                refund["failure_reason"] = failure_reason or "expired_or_canceled_card"
                refund["failure_balance_transaction"] = _id("txn")
            obj = copy.deepcopy(refund)
        types = ["refund.updated", "charge.refund.updated"]
        if status == "failed":
            types.insert(0, "refund.failed")
        return {type_: self.event(type_, copy.deepcopy(obj)) for type_ in types}

    def account_event(self, account_id: str, enabled: bool) -> dict[str, Any]:
        with self.lock:
            account = self.accounts.get(account_id) or {
                **copy.deepcopy(self.fixtures["account"]),
                "id": account_id,
            }
            account.update(
                charges_enabled=enabled, payouts_enabled=enabled, details_submitted=enabled
            )
            return self.event("account.updated", copy.deepcopy(account))


def _charge_id(intent_id: str) -> str:
    """The charge of a payment intent (one charge per intent here)."""
    return "ch_" + hashlib.sha256(intent_id.encode()).hexdigest()[:24]


def _error(type_: str, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"type": type_, "message": message, "code": code}}
