"""Operator commands: python -m app.cli <command> [args]. `python -m app.cli --help` lists them."""

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from app import ops
from app.audit.service import record
from app.auth import service as auth
from app.bookings import jobs as booking_jobs
from app.config import get_settings
from app.db import Connection, connect
from app.errors import AppError
from app.mail.service import latest_messages
from app.media.cleanup import run_cleanup
from app.media.storage import get_storage
from app.payments import jobs as payment_jobs
from app.payments import service as payments
from app.pgserver import resolve_database_url
from app.privacy import service as privacy
from app.profiles import service as profiles
from app.seminars import jobs as seminar_jobs

Command = Callable[[Connection, argparse.Namespace], Awaitable[int]]


async def outbox(conn: Connection, args: argparse.Namespace) -> int:
    """Print the newest messages of the mail outbox (development mail)."""
    rows = await latest_messages(conn, args.limit, args.to)
    if not rows:
        print("outbox: no messages")
    for r in rows:
        print(f"--- {r['created_at']:%Y-%m-%d %H:%M:%S} [{r['status']}] {r['kind']}")
        print(f"To: {r['to_address']}\nSubject: {r['subject']}\n\n{r['body_text']}\n")
    return 0


async def snapshot_cmd(conn: Connection, args: argparse.Namespace) -> int:
    """Write a pg_dump snapshot of the database (snapshots/wisdom-<timestamp>.dump)."""
    del conn
    path = await ops.snapshot(await resolve_database_url(get_settings()), Path(args.dir))
    print(f"snapshot: {path}")
    return 0


async def restore_cmd(conn: Connection, args: argparse.Namespace) -> int:
    """Restore a snapshot into a new database on the same server and print its URL."""
    del conn
    name = args.database or ops.default_restore_name()
    try:
        url = await ops.restore(Path(args.file), await resolve_database_url(get_settings()), name)
    except ops.OpsError as exc:
        print(f"restore: {exc}", file=sys.stderr)
        return 1
    print(f"restore: restored {args.file} into database {name}")
    print(f"DATABASE_URL={url}")
    return 0


async def create_admin(conn: Connection, args: argparse.Namespace) -> int:
    """Create an admin account, or promote an existing user; never possible through the API."""
    settings = get_settings()
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    email = profiles.normalize_email(args.email)
    if "@" not in email:
        print(f"create-admin: not an e-mail address: {args.email}", file=sys.stderr)
        return 2
    try:
        async with conn.transaction():
            row = await profiles.get_row_by_email(conn, email)
            if row is None:
                name = (args.name or email.split("@")[0]).strip()[:80] or "Admin"
                row = await profiles.create_profile(conn, email, name, role="admin")
                action, before = "created", None
            else:
                action, before = "promoted", row["role"]
                if row["role"] != "admin":
                    await profiles.set_role(conn, row["user_id"], "admin")
                if row["disabled_at"] is not None:
                    await profiles.set_disabled(conn, row["user_id"], False)
            user_id = row["user_id"]
            await record(
                conn,
                "user.role_change",
                subject_user_id=user_id,
                object_type="profile",
                object_id=str(user_id),
                meta={"from": before, "to": "admin", "via": "cli"},
            )
            token = None
            if password is not None:
                await auth.set_password(conn, user_id, password)
            else:
                token = await auth.create_reset_token(conn, settings, user_id, None)
    except AppError as exc:
        print(f"create-admin: {exc.message}", file=sys.stderr)
        return 1
    print(f"create-admin: {email} {action}, role admin (user id {user_id})")
    if token is None:
        print("create-admin: password set")
        return 0
    minutes = settings.password_reset_minutes
    print(f"Set the password within {minutes} minutes, once, with this link or token:")
    print(f"  link:  {auth.reset_link(settings, token)}")
    print(f"  token: {token}")
    print(
        f"  curl -X POST {settings.api_base_url}/auth/password/reset "
        "-H 'Content-Type: application/json' "
        f"""-d '{{"token": "{token}", "new_password": "..."}}'"""
    )
    return 0


async def payment_events(conn: Connection, args: argparse.Namespace) -> int:
    """Print the newest payment provider events (webhook inbox), e.g. the unmatched ones."""
    rows = await payments.recent_events(conn, "unmatched" if args.unmatched else None, args.limit)
    if not rows:
        print("payment-events: none")
    for r in rows:
        print(
            f"{r['received_at']:%Y-%m-%d %H:%M:%S} {r['id']} {r['type']} [{r['outcome']}] "
            f"{r['detail']} order={r['order_id'] or '-'}"
        )
    return 0


async def send_reminders(conn: Connection, args: argparse.Namespace) -> int:
    """Queue due seminar reminders (24 h and 1 h before; each once) and pass expired waitlist
    offers on. Safe to run from cron every few minutes, also next to the API's own loop."""
    sent, passed = await seminar_jobs.run_once(conn)
    print(f"send-reminders: {sent} reminder(s) queued, {passed} waitlist offer(s) passed on")
    return 0


async def release_holds(conn: Connection, args: argparse.Namespace) -> int:
    """Free the booking slots held by orders whose checkout ran out unpaid. Safe to run from
    cron next to the API's own loop."""
    released = await booking_jobs.run_once(conn)
    print(f"release-holds: {released} hold(s) released")
    return 0


async def reconcile_payments(conn: Connection, args: argparse.Namespace) -> int:
    """Ask the payment provider about checkouts pending past their expiry and about events its
    webhooks may not have delivered, and apply them through the webhook inbox (each once). Safe
    to run from cron next to the API's own loop."""
    result = await payment_jobs.run_once(conn, get_settings())
    print(f"reconcile-payments: {result.summary()}")
    return 1 if result.failed else 0


async def media_cleanup(conn: Connection, args: argparse.Namespace) -> int:
    """Remove stored media files no row references (a dry run unless --apply)."""
    await run_cleanup(
        conn,
        get_storage(get_settings()),
        apply=args.apply,
        min_age=timedelta(minutes=args.min_age_minutes),
    )
    return 0


async def purge_retained(conn: Connection, args: argparse.Namespace) -> int:
    """Delete pseudonymised orders and payments of deleted accounts whose retention (to the end
    of the seventh year after their fiscal year) has ended. A dry run unless --apply."""
    today = privacy.stockholm_today()
    async with conn.transaction():
        result = await privacy.purge_retained(conn, today, apply=args.apply)
    verb = "deleted" if args.apply else "would delete"
    print(
        f"purge-retained: {verb} {result.orders} order(s)"
        + (f" and {result.payments} payment(s)" if args.apply else "")
        + f" whose retention ended before {today}; {result.kept_for_enrollments} kept for"
        " bought courses"
    )
    return 0


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, Command]]:
    parser = argparse.ArgumentParser(prog="python -m app.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, Command] = {}

    p = sub.add_parser("outbox", help="show the newest mail in the outbox")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--to", default=None, help="only mail to this address")
    commands["outbox"] = outbox

    p = sub.add_parser(
        "create-admin",
        help="create an admin (or promote a user) and print a one-time password link",
    )
    p.add_argument("email")
    p.add_argument("--name", default=None, help="display name of a new account")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of printing a link",
    )
    commands["create-admin"] = create_admin

    p = sub.add_parser("snapshot", help="pg_dump -Fc the database into snapshots/")
    p.add_argument("--dir", default=str(ops.SNAPSHOT_DIR))
    commands["snapshot"] = snapshot_cmd

    p = sub.add_parser("restore", help="restore a snapshot into a fresh database")
    p.add_argument("file")
    p.add_argument("--database", default=None, help="name of the new database")
    commands["restore"] = restore_cmd

    p = sub.add_parser("payment-events", help="show the newest payment webhook events")
    p.add_argument("--unmatched", action="store_true", help="only events nobody matched")
    p.add_argument("--limit", type=int, default=20)
    commands["payment-events"] = payment_events

    sub.add_parser("send-reminders", help="send due seminar reminders (run every few minutes)")
    commands["send-reminders"] = send_reminders

    sub.add_parser("release-holds", help="free booking slots held by expired unpaid orders")
    commands["release-holds"] = release_holds

    sub.add_parser(
        "reconcile-payments",
        help="apply payments the provider knows of but whose webhook never arrived",
    )
    commands["reconcile-payments"] = reconcile_payments

    p = sub.add_parser("media-cleanup", help="remove media files no row references (dry run)")
    p.add_argument("--apply", action="store_true", help="really remove them")
    p.add_argument(
        "--min-age-minutes",
        type=int,
        default=60,
        help="leave younger files alone (uploads still being committed); default 60",
    )
    commands["media-cleanup"] = media_cleanup

    p = sub.add_parser(
        "purge-retained",
        help="delete bookkeeping rows of deleted accounts after their retention (dry run)",
    )
    p.add_argument("--apply", action="store_true", help="really delete them")
    commands["purge-retained"] = purge_retained
    return parser, commands


async def _run(argv: list[str]) -> int:
    parser, commands = build_parser()
    args = parser.parse_args(argv)
    conn = await connect(await resolve_database_url(get_settings()))
    try:
        return await commands[args.command](conn, args)
    finally:
        await conn.close()


def main() -> None:
    sys.exit(asyncio.run(_run(sys.argv[1:])))


if __name__ == "__main__":
    main()
