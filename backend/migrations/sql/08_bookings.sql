-- 08_bookings.sql: bookable time with teachers. A teacher's weekly hours and exceptions in
-- Europe/Stockholm time with their booking rules; bookings (a slot held by a pending order, then
-- booked when paid, or booked at once with a package credit); session packages (the credits a
-- paid package gives); the package terms of a service of kind 'package'.
-- Idempotent like every migration: IF NOT EXISTS everywhere, nothing in schema public.

-- The exclusion constraint on bookings compares a uuid with = inside a GiST index, which needs
-- btree_gist's operator classes. Installed into schema app (never public).
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA app;

-- ---------------------------------------------------------------------------------------------
-- Package terms of a service of kind 'package': N sessions valid for M months from payment.
-- Empty until the teacher sets them (PUT /services/{id}/package); a package without terms
-- cannot be bought. A credit books one session of the same teacher lasting at most the
-- package's own duration_minutes.
ALTER TABLE app.services ADD COLUMN IF NOT EXISTS sessions_count integer;
ALTER TABLE app.services ADD COLUMN IF NOT EXISTS valid_months integer;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'services_sessions_count_check') THEN
        ALTER TABLE app.services ADD CONSTRAINT services_sessions_count_check
            CHECK (sessions_count IS NULL OR sessions_count BETWEEN 1 AND 100);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'services_valid_months_check') THEN
        ALTER TABLE app.services ADD CONSTRAINT services_valid_months_check
            CHECK (valid_months IS NULL OR valid_months BETWEEN 1 AND 36);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'services_package_terms_check') THEN
        ALTER TABLE app.services ADD CONSTRAINT services_package_terms_check
            CHECK ((sessions_count IS NULL) = (valid_months IS NULL));
    END IF;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- A teacher's booking rules. A teacher takes bookings once this row exists (PUT
-- /me/availability); bookable services of a teacher without it are sold without a time.
--   buffer_minutes: free time after every session before the next one may start.
--   min_notice_minutes: how late a student may book (no start sooner than now + this).
--   max_days_ahead: how far ahead a student may book.
--   cancellation_window_hours: free cancellation until this many hours before the start
--     (copied onto each booking when it is made, so a later change keeps earlier promises).
--   meeting_url / location: copied onto new bookings (online / in person).
CREATE TABLE IF NOT EXISTS app.availability_settings (
    teacher_id                uuid PRIMARY KEY REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    buffer_minutes            integer NOT NULL DEFAULT 15 CHECK (buffer_minutes BETWEEN 0 AND 240),
    min_notice_minutes        integer NOT NULL DEFAULT 720
                              CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    max_days_ahead            integer NOT NULL DEFAULT 60 CHECK (max_days_ahead BETWEEN 1 AND 365),
    cancellation_window_hours integer NOT NULL DEFAULT 24
                              CHECK (cancellation_window_hours BETWEEN 0 AND 720),
    meeting_url               text NOT NULL DEFAULT '' CHECK (length(meeting_url) <= 500),
    location                  text NOT NULL DEFAULT '' CHECK (length(location) <= 300),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE TRIGGER availability_settings_set_updated_at BEFORE UPDATE ON app.availability_settings
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.availability_settings ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY availability_settings_own ON app.availability_settings FOR ALL
--     TO authenticated USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid());
--   (students see free slots through the API, never the rules themselves)

-- Weekly hours: on ISO weekday 1 (Monday) .. 7 (Sunday), from start_minute to end_minute after
-- local midnight (Europe/Stockholm wall-clock time; 1440 = midnight at the end of the day).
-- Hours of one weekday never overlap.
CREATE TABLE IF NOT EXISTS app.availability_weekly (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id   uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    weekday      smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute smallint NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   smallint NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (end_minute > start_minute),
    CONSTRAINT availability_weekly_no_overlap EXCLUDE USING gist (
        teacher_id WITH =, weekday WITH =, int4range(start_minute, end_minute) WITH &&)
);
CREATE INDEX IF NOT EXISTS availability_weekly_teacher_idx
    ON app.availability_weekly (teacher_id, weekday, start_minute);
-- RLS (Supabase): ALTER TABLE app.availability_weekly ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY availability_weekly_own ON app.availability_weekly FOR ALL TO authenticated
--     USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid());

-- Exceptions on one local date: 'closed' takes the day off (start/end empty) or some hours of
-- it; 'extra' adds hours (they apply even on a day the teacher closed).
CREATE TABLE IF NOT EXISTS app.availability_exceptions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id   uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    on_date      date NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('closed', 'extra')),
    start_minute smallint CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   smallint CHECK (end_minute BETWEEN 1 AND 1440),
    note         text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((start_minute IS NULL) = (end_minute IS NULL)),
    CHECK (start_minute IS NULL OR end_minute > start_minute),
    CHECK (kind = 'closed' OR start_minute IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS availability_exceptions_teacher_date_idx
    ON app.availability_exceptions (teacher_id, on_date);
-- RLS (Supabase): ALTER TABLE app.availability_exceptions ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY availability_exceptions_own ON app.availability_exceptions FOR ALL
--     TO authenticated USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Session packages: what a paid order of a package service gives its buyer. The terms are copied
-- from the service when the order is placed (status 'pending'); payment makes the credits usable
-- ('active', expires_at = paid + valid_months). A booking with a credit raises credits_used, a
-- free cancellation lowers it again. 'canceled': the order was never paid; 'revoked': the order
-- was refunded in full (credits left can no longer be used).
CREATE TABLE IF NOT EXISTS app.session_packages (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id       uuid NOT NULL REFERENCES app.service_orders (id) ON DELETE RESTRICT,
    service_id     uuid NOT NULL REFERENCES app.services (id) ON DELETE RESTRICT,
    student_id     uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    teacher_id     uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    credits_total  integer NOT NULL CHECK (credits_total BETWEEN 1 AND 100),
    credits_used   integer NOT NULL DEFAULT 0,
    session_minutes integer NOT NULL CHECK (session_minutes BETWEEN 5 AND 1440),
    valid_months   integer NOT NULL CHECK (valid_months BETWEEN 1 AND 36),
    status         text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'active', 'canceled', 'revoked')),
    activated_at   timestamptz,
    expires_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT session_packages_order_key UNIQUE (order_id),
    CHECK (credits_used BETWEEN 0 AND credits_total),
    CHECK (status <> 'active' OR (activated_at IS NOT NULL AND expires_at > activated_at)),
    CHECK (student_id <> teacher_id)
);
CREATE INDEX IF NOT EXISTS session_packages_student_idx
    ON app.session_packages (student_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS session_packages_credit_idx
    ON app.session_packages (student_id, teacher_id, expires_at) WHERE status = 'active';
CREATE INDEX IF NOT EXISTS session_packages_teacher_idx ON app.session_packages (teacher_id);
CREATE INDEX IF NOT EXISTS session_packages_service_idx ON app.session_packages (service_id);
CREATE OR REPLACE TRIGGER session_packages_set_updated_at BEFORE UPDATE ON app.session_packages
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.session_packages ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY session_packages_read ON app.session_packages FOR SELECT TO authenticated
--     USING (student_id = auth.uid() OR teacher_id = auth.uid());
--   (credits are granted, used and returned by the API only, in the booking's transaction)

-- ---------------------------------------------------------------------------------------------
-- Bookings: one session of a student with a teacher.
--   held      a pending order holds the slot until hold_expires_at (the order's checkout time)
--   booked    paid (or booked with a package credit)
--   canceled  by the student or the teacher (refunded says whether money or credit went back)
--   completed / no_show   marked by the teacher after the start
--   expired   a hold that ended unpaid (checkout expired or the order canceled): frees the slot
-- blocked_until = ends_at + the teacher's buffer: the time the session keeps others out.
-- Exactly one of order_id (bought) and package_id (a credit) says how it was paid for.
CREATE TABLE IF NOT EXISTS app.bookings (
    id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                  uuid REFERENCES app.service_orders (id) ON DELETE RESTRICT,
    package_id                uuid REFERENCES app.session_packages (id) ON DELETE RESTRICT,
    service_id                uuid NOT NULL REFERENCES app.services (id) ON DELETE RESTRICT,
    student_id                uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    teacher_id                uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    title                     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    starts_at                 timestamptz NOT NULL,
    ends_at                   timestamptz NOT NULL,
    blocked_until             timestamptz NOT NULL,
    status                    text NOT NULL CHECK (status IN (
                                  'held', 'booked', 'canceled', 'completed', 'no_show', 'expired')),
    hold_expires_at           timestamptz,
    cancellation_window_hours integer NOT NULL CHECK (cancellation_window_hours BETWEEN 0 AND 720),
    delivery                  text NOT NULL DEFAULT 'online' CHECK (delivery IN ('online', 'in_person')),
    meeting_url               text NOT NULL DEFAULT '' CHECK (length(meeting_url) <= 500),
    location                  text NOT NULL DEFAULT '' CHECK (length(location) <= 300),
    -- The calendar event's SEQUENCE (RFC 5545): raised by every change sent to the calendars.
    sequence                  integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    refunded                  boolean NOT NULL DEFAULT false,
    canceled_at               timestamptz,
    canceled_by               uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    cancel_reason             text NOT NULL DEFAULT '' CHECK (length(cancel_reason) <= 500),
    booked_at                 timestamptz,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bookings_order_key UNIQUE (order_id),
    CHECK (num_nonnulls(order_id, package_id) = 1),
    CHECK (ends_at > starts_at),
    CHECK (blocked_until >= ends_at),
    CHECK (student_id <> teacher_id),
    CHECK (status <> 'held' OR (order_id IS NOT NULL AND hold_expires_at IS NOT NULL)),
    CHECK (status <> 'canceled' OR canceled_at IS NOT NULL),
    -- Two sessions of one teacher never overlap (buffer included), whoever holds or books them:
    -- the database refuses the second one, also under concurrent requests.
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
        teacher_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&)
        WHERE (status IN ('held', 'booked'))
);
CREATE INDEX IF NOT EXISTS bookings_student_idx ON app.bookings (student_id, starts_at, id);
CREATE INDEX IF NOT EXISTS bookings_teacher_idx ON app.bookings (teacher_id, starts_at, id);
CREATE INDEX IF NOT EXISTS bookings_package_idx ON app.bookings (package_id) WHERE package_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS bookings_service_idx ON app.bookings (service_id);
CREATE INDEX IF NOT EXISTS bookings_canceled_by_idx ON app.bookings (canceled_by)
    WHERE canceled_by IS NOT NULL;
CREATE INDEX IF NOT EXISTS bookings_hold_expiry_idx ON app.bookings (hold_expires_at)
    WHERE status = 'held';
CREATE OR REPLACE TRIGGER bookings_set_updated_at BEFORE UPDATE ON app.bookings
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.bookings ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY bookings_read_parties ON app.bookings FOR SELECT TO authenticated
--     USING (student_id = auth.uid() OR teacher_id = auth.uid());
--   (holds, bookings, cancellations and reschedules go through the API: slot rules, refunds
--    and credits are checked there, in one transaction)
