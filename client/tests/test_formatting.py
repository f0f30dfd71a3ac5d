"""The Swedish the app writes: plurals, per cent, rates, and the admin's settings and audit
entries in words a person reads (no API keys, amounts in kronor)."""

from datetime import date, datetime, time

import pytest

from wisdom_app import formatting as fmt
from wisdom_app.errors import ApiError, swedish_message
from wisdom_app.features.admin.labels import audit_details, setting_label, setting_value
from wisdom_app.features.studio.start_picker import _picked_date, _picked_time, day_text


def test_count_agrees_with_the_number() -> None:
    assert fmt.count(1, "lektion", "lektioner") == "1 lektion"
    assert fmt.count(0, "lektion", "lektioner") == "0 lektioner"
    assert fmt.count(None, "lektion", "lektioner") == "0 lektioner"
    assert fmt.count(1, "öppen anmälan", "öppna anmälningar") == "1 öppen anmälan"


def test_lessons_done_agrees_with_the_total() -> None:
    assert fmt.lessons_done(0, 1) == "0 av 1 lektion klar"
    assert fmt.lessons_done(1, 1) == "1 av 1 lektion klar"
    assert fmt.lessons_done(2, 3) == "2 av 3 lektioner klara"
    assert fmt.lessons_done(None, None) == "0 av 0 lektioner klara"


@pytest.mark.parametrize(
    ("done", "total", "shown"),
    [(2, 3, 67), (1, 3, 33), (1, 2, 50), (0, 3, 0), (3, 3, 100), (199, 200, 99), (1, 1000, 1), (1, 0, 0)],
)
def test_percent_rounds_half_up_and_never_claims_done_early(done: int, total: int, shown: int) -> None:
    assert fmt.percent(done, total) == shown


def test_basis_points_read_and_typed_as_per_cent() -> None:
    assert fmt.basis_points(1000) == "10\u00a0%"
    assert fmt.basis_points(1250) == "12,5\u00a0%"
    assert fmt.basis_points(2505) == "25,05\u00a0%"
    assert fmt.parse_percent("12,5") == 1250
    assert fmt.parse_percent(" 10 % ") == 1000
    for wrong in ("tio", "-1", "nan", "12,345", ""):
        with pytest.raises(ValueError):
            fmt.parse_percent(wrong)


def test_settings_have_swedish_names_and_units() -> None:
    assert setting_label("platform_fee_bps") == "Plattformsavgift"
    assert setting_value("platform_fee_bps", 1000) == "10\u00a0%"
    assert setting_value("free_course_limit", 3) == "3"
    assert setting_label("some_new_key") == "Inställning"  # never the raw key


def test_a_refund_reads_in_kronor_with_a_swedish_reason() -> None:
    entry = {
        "action": "order.refund_requested",
        "meta": {"amount_cents": 30000, "refund_id": "9b1c2d3e-0000-0000-0000-000000000000", "reason": "spam"},
    }
    assert audit_details(entry) == "Belopp: 300\u00a0kr · Skäl: skräppost"


def test_audit_details_never_show_keys_or_ids() -> None:
    entries = [
        {"action": "auth.login_failed", "meta": {"reason": "wrong_password"}},
        {"action": "user.role_change", "meta": {"from": "student", "to": "teacher"}},
        {"action": "config.update", "object_id": "platform_fee_bps", "meta": {"from": 1000, "to": 1200}},
        {"action": "auth.refresh_reuse", "meta": {"session_revoked": True, "token_id": "abc"}},
        {"action": "moderation.remove", "meta": {"report_id": "r1", "reports_resolved": 2}},
        {"action": "seminar.cancel", "meta": {"seats": 3, "refunded_orders": ["o1", "o2"]}},
        {"action": "booking.cancel", "meta": {"by_teacher": True, "refund": "credit", "starts_at": None}},
        {
            "action": "payment.amount_mismatch",
            "meta": {"order_number": "W-1", "issue": "Paid 100 SEK", "received_amount": 10000, "payment_id": "p"},
        },
    ]
    shown = [audit_details(e) for e in entries]
    assert shown[0] == "Skäl: fel lösenord"
    assert shown[1] == "Från: Elev · Till: Lärare"
    assert shown[2] == "Plattformsavgift · Från: 10\u00a0% · Till: 12\u00a0%"
    assert shown[3] == "Inloggningen avslutad: ja"
    assert shown[4] == "Stängda anmälningar: 2"
    assert shown[5] == "Bokade platser: 3 · Återbetalda ordrar: 2"
    assert shown[6] == "Avbokad av: läraren · Tillbaka: klippet tillbaka"
    assert "Betalt: 100\u00a0kr" in shown[7] and "Paid" not in shown[7]
    for text in shown:
        assert "_" not in text and "cents" not in text


def test_a_wait_in_seconds_agrees_with_the_number() -> None:
    one = ApiError(status=429, code="rate_limited", retry_after=1)
    assert "Vänta 1 sekund och" in swedish_message(one)


def test_picked_start_reads_as_the_form_keeps_it() -> None:
    assert _picked_date(datetime(2027, 3, 14, 0, 0)) == "2027-03-14"
    assert _picked_date(date(2027, 3, 14)) == "2027-03-14"
    assert _picked_time(time(19, 5)) == "19:05"
    assert day_text("2027-03-14") == "sön 14 mars 2027"
    assert day_text("") == ""
