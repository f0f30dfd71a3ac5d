-- 01_app_schema.sql: the core of schema `app`.
-- Idempotent: every statement can run again on a migrated database without failing or changing
-- anything (IF NOT EXISTS, OR REPLACE). Nothing here lives in schema public and nothing calls a
-- Supabase function; each table's future row-level-security policy is written beside it as a
-- comment (see docs/supabase-migration.md).

CREATE SCHEMA IF NOT EXISTS app;

-- Keeps updated_at true on every UPDATE.
CREATE OR REPLACE FUNCTION app.set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- Profiles: one row per user. In Supabase, user_id is auth.users.id.
CREATE TABLE IF NOT EXISTS app.profiles (
    user_id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email           text NOT NULL CHECK (email LIKE '%_@_%' AND length(email) <= 254),
    display_name    text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 80),
    role            text NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'teacher', 'admin')),
    bio             text NOT NULL DEFAULT '' CHECK (length(bio) <= 4000),
    locale          text NOT NULL DEFAULT 'sv' CHECK (locale IN ('sv', 'en')),
    avatar_media_id uuid,
    disabled_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS profiles_email_lower_key ON app.profiles (lower(email));
CREATE INDEX IF NOT EXISTS profiles_role_idx ON app.profiles (role, created_at DESC, user_id);
CREATE OR REPLACE TRIGGER profiles_set_updated_at BEFORE UPDATE ON app.profiles
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.profiles ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY profiles_read ON app.profiles FOR SELECT TO authenticated USING (true);
--   CREATE POLICY profiles_update_own ON app.profiles FOR UPDATE TO authenticated
--     USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Courses and lessons.
CREATE TABLE IF NOT EXISTS app.courses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id   uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    title        text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    summary      text NOT NULL DEFAULT '' CHECK (length(summary) <= 500),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    level        text NOT NULL DEFAULT 'beginner'
                 CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    price_cents  integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency     text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    is_intro     boolean NOT NULL DEFAULT false,
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    published_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'published' OR published_at IS NOT NULL),
    -- An introduction course is always free.
    CHECK (NOT is_intro OR price_cents = 0)
);
CREATE INDEX IF NOT EXISTS courses_teacher_idx ON app.courses (teacher_id);
CREATE INDEX IF NOT EXISTS courses_catalogue_idx ON app.courses (created_at DESC, id DESC)
    WHERE status = 'published';
CREATE OR REPLACE TRIGGER courses_set_updated_at BEFORE UPDATE ON app.courses
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.courses ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY courses_read ON app.courses FOR SELECT TO anon, authenticated
--     USING (status = 'published' OR teacher_id = auth.uid());
--   CREATE POLICY courses_write_own ON app.courses FOR ALL TO authenticated
--     USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid());

CREATE TABLE IF NOT EXISTS app.lessons (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id        uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    title            text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    content_md       text NOT NULL DEFAULT '' CHECK (length(content_md) <= 200000),
    position         integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS lessons_course_position_idx ON app.lessons (course_id, position);
CREATE OR REPLACE TRIGGER lessons_set_updated_at BEFORE UPDATE ON app.lessons
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.lessons ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY lessons_read_enrolled ON app.lessons FOR SELECT TO authenticated USING (
--     EXISTS (SELECT 1 FROM app.enrollments e WHERE e.course_id = lessons.course_id
--             AND e.user_id = auth.uid())
--     OR EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
--             AND c.teacher_id = auth.uid()));
--   CREATE POLICY lessons_write_teacher ON app.lessons FOR ALL TO authenticated
--     USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
--                    AND c.teacher_id = auth.uid()))
--     WITH CHECK (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
--                    AND c.teacher_id = auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Services sold by teachers (readings, coaching, session packages).
CREATE TABLE IF NOT EXISTS app.services (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    title            text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description      text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    kind             text NOT NULL CHECK (kind IN ('reading', 'coaching', 'session', 'package')),
    duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 24 * 60),
    delivery         text NOT NULL DEFAULT 'online' CHECK (delivery IN ('online', 'in_person')),
    price_cents      integer NOT NULL CHECK (price_cents >= 0),
    currency         text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
    published_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'active' OR published_at IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS services_teacher_idx ON app.services (teacher_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS services_active_idx ON app.services (created_at DESC, id DESC)
    WHERE status = 'active';
CREATE OR REPLACE TRIGGER services_set_updated_at BEFORE UPDATE ON app.services
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.services ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY services_read ON app.services FOR SELECT TO anon, authenticated
--     USING (status = 'active' OR teacher_id = auth.uid());
--   CREATE POLICY services_write_own ON app.services FOR ALL TO authenticated
--     USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Live seminars and their seats.
CREATE TABLE IF NOT EXISTS app.seminars (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    host_id        uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    title          text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description    text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    capacity       integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    price_cents    integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency       text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    allow_speaking boolean NOT NULL DEFAULT false,
    status         text NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'live', 'ended', 'canceled')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX IF NOT EXISTS seminars_host_idx ON app.seminars (host_id, starts_at);
CREATE INDEX IF NOT EXISTS seminars_upcoming_idx ON app.seminars (starts_at, id)
    WHERE status IN ('scheduled', 'live');
CREATE OR REPLACE TRIGGER seminars_set_updated_at BEFORE UPDATE ON app.seminars
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.seminars ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY seminars_read ON app.seminars FOR SELECT TO anon, authenticated USING (true);
--   CREATE POLICY seminars_write_own ON app.seminars FOR ALL TO authenticated
--     USING (host_id = auth.uid()) WITH CHECK (host_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Orders: one table for everything sold. item_kind says what; exactly the matching foreign key
-- is set, so services, courses and seminar seats share one checkout.
CREATE TABLE IF NOT EXISTS app.service_orders (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_number   bigint GENERATED ALWAYS AS IDENTITY (START WITH 100001) UNIQUE,
    buyer_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    seller_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    item_kind      text NOT NULL CHECK (item_kind IN ('service', 'course', 'seminar')),
    service_id     uuid REFERENCES app.services (id) ON DELETE RESTRICT,
    course_id      uuid REFERENCES app.courses (id) ON DELETE RESTRICT,
    seminar_id     uuid REFERENCES app.seminars (id) ON DELETE RESTRICT,
    item_title     text NOT NULL CHECK (length(item_title) BETWEEN 1 AND 200),
    amount_cents   integer NOT NULL CHECK (amount_cents >= 0),
    currency       text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_cents integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN (
                       'pending', 'paid', 'fulfilled', 'canceled', 'refunded', 'partially_refunded')),
    note           text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    paid_at        timestamptz,
    canceled_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (refunded_cents <= amount_cents),
    CHECK (buyer_id <> seller_id),
    CHECK (num_nonnulls(service_id, course_id, seminar_id) = 1),
    CHECK ((item_kind = 'service') = (service_id IS NOT NULL)
       AND (item_kind = 'course') = (course_id IS NOT NULL)
       AND (item_kind = 'seminar') = (seminar_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS service_orders_buyer_idx ON app.service_orders (buyer_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS service_orders_seller_idx ON app.service_orders (seller_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS service_orders_service_idx ON app.service_orders (service_id) WHERE service_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS service_orders_course_idx ON app.service_orders (course_id) WHERE course_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS service_orders_seminar_idx ON app.service_orders (seminar_id) WHERE seminar_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS service_orders_status_idx ON app.service_orders (status, created_at);
CREATE OR REPLACE TRIGGER service_orders_set_updated_at BEFORE UPDATE ON app.service_orders
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.service_orders ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY orders_read_parties ON app.service_orders FOR SELECT TO authenticated
--     USING (buyer_id = auth.uid() OR seller_id = auth.uid());
--   CREATE POLICY orders_insert_buyer ON app.service_orders FOR INSERT TO authenticated
--     WITH CHECK (buyer_id = auth.uid() AND status = 'pending');
--   (status changes after payment are made by the service role only)

-- Enrollments reference orders (a paid course), so they come after them.
CREATE TABLE IF NOT EXISTS app.enrollments (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    course_id  uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    source     text NOT NULL DEFAULT 'free' CHECK (source IN ('free', 'purchase', 'admin')),
    order_id   uuid REFERENCES app.service_orders (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrollments_user_course_key UNIQUE (user_id, course_id),
    CHECK (source <> 'purchase' OR order_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS enrollments_course_idx ON app.enrollments (course_id);
CREATE INDEX IF NOT EXISTS enrollments_order_idx ON app.enrollments (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS enrollments_user_created_idx ON app.enrollments (user_id, created_at DESC);
-- RLS (Supabase): ALTER TABLE app.enrollments ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY enrollments_read_own ON app.enrollments FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   (enrollments are created by the service role: free enrollment limits, paid webhooks)

CREATE TABLE IF NOT EXISTS app.seminar_attendees (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seminar_id uuid NOT NULL REFERENCES app.seminars (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    order_id   uuid REFERENCES app.service_orders (id) ON DELETE SET NULL,
    status     text NOT NULL DEFAULT 'seated' CHECK (status IN ('seated', 'canceled')),
    joined_at  timestamptz,
    left_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT seminar_attendees_seminar_user_key UNIQUE (seminar_id, user_id),
    CHECK (left_at IS NULL OR joined_at IS NULL OR left_at >= joined_at)
);
CREATE INDEX IF NOT EXISTS seminar_attendees_user_idx ON app.seminar_attendees (user_id);
CREATE INDEX IF NOT EXISTS seminar_attendees_order_idx ON app.seminar_attendees (order_id)
    WHERE order_id IS NOT NULL;
-- RLS (Supabase): ALTER TABLE app.seminar_attendees ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY attendees_read ON app.seminar_attendees FOR SELECT TO authenticated
--     USING (user_id = auth.uid() OR EXISTS (SELECT 1 FROM app.seminars s
--            WHERE s.id = seminar_attendees.seminar_id AND s.host_id = auth.uid()));

CREATE TABLE IF NOT EXISTS app.service_reviews (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id   uuid NOT NULL REFERENCES app.service_orders (id) ON DELETE CASCADE,
    service_id uuid NOT NULL REFERENCES app.services (id) ON DELETE CASCADE,
    author_id  uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    rating     smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body       text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT service_reviews_order_key UNIQUE (order_id)
);
CREATE INDEX IF NOT EXISTS service_reviews_service_idx ON app.service_reviews (service_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS service_reviews_author_idx ON app.service_reviews (author_id);
CREATE OR REPLACE TRIGGER service_reviews_set_updated_at BEFORE UPDATE ON app.service_reviews
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.service_reviews ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY reviews_read ON app.service_reviews FOR SELECT TO anon, authenticated USING (true);
--   CREATE POLICY reviews_write_own ON app.service_reviews FOR ALL TO authenticated
--     USING (author_id = auth.uid()) WITH CHECK (author_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Payments: one row per attempt with a provider (a Stripe Checkout Session, the dummy provider).
CREATE TABLE IF NOT EXISTS app.payments (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id          uuid NOT NULL REFERENCES app.service_orders (id) ON DELETE RESTRICT,
    user_id           uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    provider          text NOT NULL CHECK (provider IN ('stripe', 'dummy')),
    provider_ref      text NOT NULL CHECK (length(provider_ref) BETWEEN 1 AND 255),
    payment_intent_id text,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN (
                          'pending', 'processing', 'succeeded', 'failed', 'expired',
                          'refunded', 'partially_refunded')),
    amount_cents      integer NOT NULL CHECK (amount_cents >= 0),
    currency          text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    refunded_cents    integer NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    meta              jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_provider_ref_key UNIQUE (provider, provider_ref),
    CHECK (refunded_cents <= amount_cents)
);
CREATE INDEX IF NOT EXISTS payments_order_idx ON app.payments (order_id);
CREATE INDEX IF NOT EXISTS payments_user_idx ON app.payments (user_id);
CREATE INDEX IF NOT EXISTS payments_intent_idx ON app.payments (payment_intent_id)
    WHERE payment_intent_id IS NOT NULL;
CREATE OR REPLACE TRIGGER payments_set_updated_at BEFORE UPDATE ON app.payments
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.payments ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY payments_read_own ON app.payments FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   (written only by the service role from verified webhooks)

-- Teachers' payout accounts (Stripe Connect Express).
CREATE TABLE IF NOT EXISTS app.teacher_payout_methods (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id        uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    provider          text NOT NULL DEFAULT 'stripe_connect' CHECK (provider IN ('stripe_connect')),
    account_id        text NOT NULL CHECK (length(account_id) BETWEEN 1 AND 255),
    charges_enabled   boolean NOT NULL DEFAULT false,
    payouts_enabled   boolean NOT NULL DEFAULT false,
    details_submitted boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT teacher_payout_methods_teacher_provider_key UNIQUE (teacher_id, provider),
    CONSTRAINT teacher_payout_methods_account_key UNIQUE (account_id)
);
CREATE OR REPLACE TRIGGER teacher_payout_methods_set_updated_at BEFORE UPDATE ON app.teacher_payout_methods
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.teacher_payout_methods ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY payout_methods_read_own ON app.teacher_payout_methods FOR SELECT
--     TO authenticated USING (teacher_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Activities: what happens on the platform, newest first. A bigint id gives the feed a cheap
-- keyset and the event stream a Last-Event-ID.
CREATE TABLE IF NOT EXISTS app.activities (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id      uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    kind          text NOT NULL CHECK (kind IN (
                      'course_published', 'service_published', 'seminar_created',
                      'teacher_approved', 'wall_post', 'review_posted')),
    subject_type  text NOT NULL CHECK (subject_type IN (
                      'course', 'service', 'seminar', 'profile', 'post', 'review')),
    subject_id    uuid NOT NULL,
    subject_title text NOT NULL DEFAULT '' CHECK (length(subject_title) <= 200),
    summary       text NOT NULL DEFAULT '' CHECK (length(summary) <= 1000),
    visibility    text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
    hidden_at     timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS activities_visible_idx ON app.activities (id DESC) WHERE hidden_at IS NULL;
CREATE INDEX IF NOT EXISTS activities_actor_idx ON app.activities (actor_id);
CREATE INDEX IF NOT EXISTS activities_subject_idx ON app.activities (subject_type, subject_id);
-- RLS (Supabase): ALTER TABLE app.activities ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY activities_read ON app.activities FOR SELECT TO anon, authenticated
--     USING (hidden_at IS NULL AND (visibility = 'public' OR auth.uid() IS NOT NULL));

-- What a client shows for an activity: who, what, when.
CREATE OR REPLACE VIEW app.activities_feed AS
SELECT a.id,
       a.kind,
       a.subject_type,
       a.subject_id,
       a.subject_title,
       a.summary,
       a.visibility,
       a.hidden_at,
       a.created_at,
       a.actor_id,
       p.display_name    AS actor_display_name,
       p.avatar_media_id AS actor_avatar_media_id,
       p.role            AS actor_role
FROM app.activities a
LEFT JOIN app.profiles p ON p.user_id = a.actor_id;
-- (a view runs with its owner's rights; in Supabase it is created WITH (security_invoker = true)
--  so the activities policy above applies to it)
