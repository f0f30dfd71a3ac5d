"""Where personal data lives, and what GDPR self-service does with each place.

Every (table, column) that holds a user's id is listed here exactly once: in EXPORTED (the
section of export.json that carries those rows) or in EXCLUDED (with the reason it is not in the
export). RETAINED names the ones that may still point at a user after DELETE /me, and why.
tests/privacy/test_gdpr.py walks the database catalog, so a new user column that is not listed
here fails the tests.
"""

Column = tuple[str, str]

EXPORTED: dict[Column, str] = {
    ("profiles", "user_id"): "profile",
    ("local_credentials", "user_id"): "account",
    ("auth_sessions", "user_id"): "account",
    ("consents", "user_id"): "account",
    ("teacher_applications", "user_id"): "teaching",
    ("teacher_certifications", "teacher_id"): "teaching",
    ("media_objects", "owner_id"): "media",
    ("enrollments", "user_id"): "courses",
    ("lesson_progress", "user_id"): "courses",
    ("quiz_attempts", "user_id"): "courses",
    ("certificates", "user_id"): "courses",
    ("courses", "teacher_id"): "courses",
    ("seminar_attendees", "user_id"): "seminars",
    ("seminar_waitlist", "user_id"): "seminars",
    ("seminar_reminders", "user_id"): "seminars",
    ("seminars", "host_id"): "seminars",
    ("services", "teacher_id"): "services",
    ("service_reviews", "author_id"): "reviews",
    ("service_orders", "buyer_id"): "orders",
    ("service_orders", "seller_id"): "orders",
    ("payments", "user_id"): "payments",
    ("refunds", "buyer_id"): "payments",
    ("teacher_payout_methods", "teacher_id"): "payments",
    ("wall_posts", "author_id"): "community",
    ("wall_comments", "author_id"): "community",
    ("wall_reactions", "user_id"): "community",
    ("content_reports", "reporter_id"): "community",
    ("conversations", "user_a_id"): "messages",
    ("conversations", "user_b_id"): "messages",
    ("messages", "sender_id"): "messages",
    ("messages", "recipient_id"): "messages",
    ("user_blocks", "blocker_id"): "messages",
    ("notifications", "user_id"): "notifications",
    ("activities", "actor_id"): "feed",
    ("mail_outbox", "user_id"): "mail",
    ("audit_log", "actor_id"): "audit",
    ("audit_log", "subject_user_id"): "audit",
    ("availability_settings", "teacher_id"): "bookings",
    ("availability_weekly", "teacher_id"): "bookings",
    ("availability_exceptions", "teacher_id"): "bookings",
    ("session_packages", "student_id"): "bookings",
    ("session_packages", "teacher_id"): "bookings",
    ("bookings", "student_id"): "bookings",
    ("bookings", "teacher_id"): "bookings",
}

_REVIEWER = (
    "which admin reviewed another person's {what}: that person's record, not the reviewer's; "
    "the reviewer's own acts are in the export's audit section"
)

EXCLUDED: dict[Column, str] = {
    ("refresh_tokens", "user_id"): (
        "one-time secrets, stored only as SHA-256 hashes: of no use to the user and harmful if "
        "leaked; the sign-in sessions they belong to are in the account section"
    ),
    ("password_resets", "user_id"): (
        "one-time password reset secrets, stored only as SHA-256 hashes; the resets themselves "
        "show in the audit section"
    ),
    ("stripe_events", "user_id"): (
        "raw messages from the payment provider, kept to act on each exactly once; what they say "
        "about the user's payments and refunds is in the payments section"
    ),
    ("teacher_applications", "reviewed_by"): _REVIEWER.format(what="teacher application"),
    ("teacher_certifications", "reviewed_by"): _REVIEWER.format(what="certification"),
    ("content_reports", "target_author_id"): (
        "reports other members filed about the user's content: withheld to protect the "
        "reporters (the content itself is in the community section)"
    ),
    ("content_reports", "resolved_by"): _REVIEWER.format(what="report"),
    ("wall_posts", "pinned_by"): (
        "which teacher pinned another member's post: that member's record"
    ),
    ("refunds", "requested_by"): (
        "who asked for a refund of someone else's order (a seller or an admin): that order's "
        "record; refunds of the user's own orders are in the payments section"
    ),
    ("user_blocks", "blocked_id"): ("who blocked the user is the blocker's private choice"),
    ("app_config", "updated_by"): (
        "which admin last changed a platform setting; the change is in the audit section"
    ),
    ("notifications", "about_user_id"): (
        "other people's notifications that name or quote the user (a message, a booking): the "
        "recipient's record; DELETE /me rewrites them (the name becomes 'en borttagen "
        "användare', quoted words are dropped) and unlinks them"
    ),
    ("mail_outbox", "about_user_id"): (
        "mail to other people that names or quotes the user: the recipient's record; DELETE /me "
        "rewrites it like the notifications and drops its calendar attachments"
    ),
    ("bookings", "canceled_by"): (
        "who canceled a booking; the user's own bookings are in the bookings section with their "
        "status and cancellation time"
    ),
}

# Fields left out of exported rows: secrets, not information about the person.
WITHHELD_FIELDS: dict[str, str] = {
    "local_credentials.password_hash": "the password's argon2id hash is a secret; "
    "password_changed_at says when it was set",
}

_ACCOUNTING = (
    "bookkeeping record (räkenskapsinformation), kept pseudonymised (no name, e-mail or free "
    "text) until retain_until, the end of the seventh year after its fiscal year "
    "(Bokföringslagen 7 kap. 2 §); `python -m app.cli purge-retained` deletes it then"
)

RETAINED: dict[Column, str] = {
    ("profiles", "user_id"): (
        "the anonymised profile (no name, e-mail, bio or avatar; it can never sign in) stays "
        "while the rows below point at it"
    ),
    ("service_orders", "buyer_id"): _ACCOUNTING,
    ("service_orders", "seller_id"): _ACCOUNTING,
    ("payments", "user_id"): _ACCOUNTING,
    ("refunds", "buyer_id"): _ACCOUNTING,
    ("courses", "teacher_id"): (
        "a teacher's courses stay archived for the students who bought them, under the "
        "anonymised profile"
    ),
    ("services", "teacher_id"): (
        "a teacher's services stay archived because retained orders point at them"
    ),
    ("seminars", "host_id"): (
        "a host's past and canceled seminars stay because retained orders and seats point at them"
    ),
    ("audit_log", "subject_user_id"): (
        "one entry, account.deleted, records the erasure itself (accountability, GDPR art. 5(2)); "
        "it holds no address or details"
    ),
}
