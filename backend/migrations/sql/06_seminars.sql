-- 06_seminars.sql: what live seminars need beyond app.seminars and app.seminar_attendees
-- (01_app_schema.sql): the waitlist with its time-limited seat offers, and the log that makes
-- every reminder go out once.
-- Idempotent like every migration: IF NOT EXISTS everywhere, nothing in schema public.

-- ---------------------------------------------------------------------------------------------
-- Waitlist of a full seminar, served in order (priority first, then id). An entry is 'waiting'
-- until a seat frees; then a free seminar seats the user at once ('seated'), a paid one offers
-- the seat for a limited time ('offered' until offer_expires_at, during which only this user may
-- buy it). Entries that are done keep their final status ('seated', 'expired', 'left') as
-- history; at most one active entry per user and seminar.
-- priority 1: a buyer who paid but lost the last seat to someone faster (refunded and queued
-- ahead of everyone who merely waited).
CREATE TABLE IF NOT EXISTS app.seminar_waitlist (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seminar_id       uuid NOT NULL REFERENCES app.seminars (id) ON DELETE CASCADE,
    user_id          uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    priority         smallint NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    status           text NOT NULL DEFAULT 'waiting'
                     CHECK (status IN ('waiting', 'offered', 'seated', 'expired', 'left')),
    offered_at       timestamptz,
    offer_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'offered' OR (offered_at IS NOT NULL AND offer_expires_at > offered_at))
);
CREATE UNIQUE INDEX IF NOT EXISTS seminar_waitlist_active_key
    ON app.seminar_waitlist (seminar_id, user_id) WHERE status IN ('waiting', 'offered');
CREATE INDEX IF NOT EXISTS seminar_waitlist_queue_idx
    ON app.seminar_waitlist (seminar_id, priority DESC, id) WHERE status IN ('waiting', 'offered');
CREATE INDEX IF NOT EXISTS seminar_waitlist_seminar_idx ON app.seminar_waitlist (seminar_id);
CREATE INDEX IF NOT EXISTS seminar_waitlist_user_idx ON app.seminar_waitlist (user_id);
CREATE INDEX IF NOT EXISTS seminar_waitlist_offer_expiry_idx
    ON app.seminar_waitlist (offer_expires_at) WHERE status = 'offered';
CREATE OR REPLACE TRIGGER seminar_waitlist_set_updated_at BEFORE UPDATE ON app.seminar_waitlist
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.seminar_waitlist ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY seminar_waitlist_read ON app.seminar_waitlist FOR SELECT TO authenticated
--     USING (user_id = auth.uid() OR EXISTS (SELECT 1 FROM app.seminars s
--            WHERE s.id = seminar_waitlist.seminar_id AND s.host_id = auth.uid()));
--   (joining, leaving and offers go through the API's service role: the order of the queue and
--    the seat count are enforced there under a lock on the seminar row)

-- ---------------------------------------------------------------------------------------------
-- Reminders sent: one row per seminar, attendee and kind. The sender inserts the row with
-- ON CONFLICT DO NOTHING before queueing the mail, in one transaction, so two senders running at
-- the same time never send the same reminder twice.
CREATE TABLE IF NOT EXISTS app.seminar_reminders (
    seminar_id uuid NOT NULL REFERENCES app.seminars (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('24h', '1h')),
    sent_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT seminar_reminders_pkey PRIMARY KEY (seminar_id, user_id, kind)
);
CREATE INDEX IF NOT EXISTS seminar_reminders_user_idx ON app.seminar_reminders (user_id);
-- RLS (Supabase): ALTER TABLE app.seminar_reminders ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY seminar_reminders_read_own ON app.seminar_reminders FOR SELECT
--     TO authenticated USING (user_id = auth.uid());
--   (written only by the reminder job, as the service role)

-- Seated attendees per seminar are counted under the seminar's row lock on every seat change.
CREATE INDEX IF NOT EXISTS seminar_attendees_seated_idx ON app.seminar_attendees (seminar_id)
    WHERE status = 'seated';
