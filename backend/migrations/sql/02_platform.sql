-- 02_platform.sql: what every domain shares: platform settings, the audit log, the mail outbox
-- and notifications.

-- Platform settings an admin changes at run time (GET/PATCH /admin/config).
CREATE TABLE IF NOT EXISTS app.app_config (
    key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
    value       jsonb NOT NULL,
    description text NOT NULL DEFAULT '',
    updated_by  uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS app_config_updated_by_idx ON app.app_config (updated_by);
INSERT INTO app.app_config (key, value, description) VALUES
    ('free_course_limit', '3', 'How many free courses a student may be enrolled in at once'),
    ('platform_fee_bps', '1000', 'Platform fee on each sale, in basis points (1000 = 10 %)'),
    ('vat_rate_bps', '2500', 'VAT (moms) rate shown on receipts, in basis points (2500 = 25 %)')
ON CONFLICT (key) DO NOTHING;
-- RLS (Supabase): ALTER TABLE app.app_config ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY app_config_read ON app.app_config FOR SELECT TO anon, authenticated USING (true);
--   (written by the service role on behalf of admins)

-- Sensitive actions, newest first. actor_id is who acted (NULL: the system or an anonymous
-- caller), subject_user_id whom it concerned.
CREATE TABLE IF NOT EXISTS app.audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id        uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    subject_user_id uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    action          text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{1,62}$'),
    object_type     text NOT NULL DEFAULT '' CHECK (length(object_type) <= 40),
    object_id       text NOT NULL DEFAULT '' CHECK (length(object_id) <= 100),
    ip              inet,
    meta            jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON app.audit_log (actor_id, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_subject_idx ON app.audit_log (subject_user_id, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_action_idx ON app.audit_log (action, id DESC);
-- RLS (Supabase): ALTER TABLE app.audit_log ENABLE ROW LEVEL SECURITY;
--   (no policy for anon/authenticated: only the service role reads and writes the audit log)

-- Outgoing mail. Every message is stored first (in the same transaction as what caused it),
-- then delivered through SMTP after commit; in development it stays here to be read.
CREATE TABLE IF NOT EXISTS app.mail_outbox (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    to_address   text NOT NULL CHECK (to_address LIKE '%_@_%'),
    subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body_text    text NOT NULL,
    attachments  jsonb NOT NULL DEFAULT '[]'::jsonb,
    kind         text NOT NULL DEFAULT 'general' CHECK (length(kind) <= 60),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'kept')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX IF NOT EXISTS mail_outbox_pending_idx ON app.mail_outbox (created_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS mail_outbox_user_idx ON app.mail_outbox (user_id, created_at DESC);
-- RLS (Supabase): ALTER TABLE app.mail_outbox ENABLE ROW LEVEL SECURITY;
--   (service role only)

-- In-app notifications for one user.
CREATE TABLE IF NOT EXISTS app.notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN (
                   'reply', 'reaction', 'message', 'order_paid', 'order_refunded',
                   'seminar_reminder', 'teacher_approved', 'teacher_rejected', 'booking',
                   'certificate', 'moderation')),
    title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body       text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
    link       text NOT NULL DEFAULT '' CHECK (length(link) <= 500),
    data       jsonb NOT NULL DEFAULT '{}'::jsonb,
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notifications_user_idx ON app.notifications (user_id, id DESC);
CREATE INDEX IF NOT EXISTS notifications_unread_idx ON app.notifications (user_id) WHERE read_at IS NULL;
-- RLS (Supabase): ALTER TABLE app.notifications ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY notifications_own ON app.notifications FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   CREATE POLICY notifications_mark_read ON app.notifications FOR UPDATE TO authenticated
--     USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());
