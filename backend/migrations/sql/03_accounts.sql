-- 03_accounts.sql: accounts and sign-in (local credentials, sessions, refresh tokens, password
-- resets, consents) and the teacher side of a profile (applications, certifications).
--
-- Supabase: the credential tables below are what Supabase Auth already has. When the app moves
-- there, app.local_credentials, app.password_resets, app.auth_sessions and app.refresh_tokens
-- are replaced by auth.users (encrypted_password, recovery_token), auth.sessions and
-- auth.refresh_tokens, and are dropped; app.profiles.user_id becomes auth.users.id. Nothing else
-- references these four tables, so dropping them touches no other domain.

-- ---------------------------------------------------------------------------------------------
-- Local credentials: one argon2id hash per user (Supabase: auth.users.encrypted_password).
CREATE TABLE IF NOT EXISTS app.local_credentials (
    user_id             uuid PRIMARY KEY REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    password_hash       text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE TRIGGER local_credentials_set_updated_at BEFORE UPDATE ON app.local_credentials
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): replaced by auth.users; no policy (service role only) while it exists.

-- Sessions: one per sign-in, the family of the refresh tokens rotated from it
-- (Supabase: auth.sessions). Revoking the session ends every token of the family and, through
-- the `sid` claim, the access tokens issued for it.
CREATE TABLE IF NOT EXISTS app.auth_sessions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    user_agent     text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300),
    ip             inet,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    revoked_reason text CHECK (revoked_reason IN (
                       'logout', 'logout_all', 'password_change', 'password_reset', 'disabled',
                       'refresh_reuse')),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX IF NOT EXISTS auth_sessions_user_active_idx ON app.auth_sessions (user_id)
    WHERE revoked_at IS NULL;
-- RLS (Supabase): replaced by auth.sessions; no policy (service role only) while it exists.

-- Refresh tokens: opaque random strings stored only as SHA-256 (Supabase: auth.refresh_tokens).
-- A token is used once: rotation sets used_at and issues a child; presenting a used token again
-- revokes its session (RFC 9700 section 4.14).
CREATE TABLE IF NOT EXISTS app.refresh_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES app.auth_sessions (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    token_hash bytea NOT NULL CHECK (length(token_hash) = 32),
    parent_id  uuid REFERENCES app.refresh_tokens (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
    CHECK (expires_at > created_at)
);
CREATE INDEX IF NOT EXISTS refresh_tokens_session_idx ON app.refresh_tokens (session_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_user_idx ON app.refresh_tokens (user_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_parent_idx ON app.refresh_tokens (parent_id)
    WHERE parent_id IS NOT NULL;
-- RLS (Supabase): replaced by auth.refresh_tokens; no policy (service role only) while it exists.

-- One-time password reset tokens, stored only as SHA-256 (Supabase: auth.users.recovery_token).
CREATE TABLE IF NOT EXISTS app.password_resets (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL CHECK (length(token_hash) = 32),
    requested_ip inet,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    CONSTRAINT password_resets_token_hash_key UNIQUE (token_hash),
    CHECK (expires_at > created_at)
);
CREATE INDEX IF NOT EXISTS password_resets_user_open_idx ON app.password_resets (user_id)
    WHERE used_at IS NULL;
-- RLS (Supabase): replaced by auth.users' recovery flow; no policy (service role only).

-- Consents: which version of the terms (or privacy notice) a user accepted, and when.
CREATE TABLE IF NOT EXISTS app.consents (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('terms', 'privacy')),
    version     text NOT NULL CHECK (length(version) BETWEEN 1 AND 40),
    ip          inet,
    user_agent  text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300),
    accepted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT consents_user_kind_version_key UNIQUE (user_id, kind, version)
);
-- RLS (Supabase): ALTER TABLE app.consents ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY consents_read_own ON app.consents FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   CREATE POLICY consents_insert_own ON app.consents FOR INSERT TO authenticated
--     WITH CHECK (user_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Teacher applications: a student asks to teach; an admin approves or rejects (with a reason).
CREATE TABLE IF NOT EXISTS app.teacher_applications (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    motivation    text NOT NULL CHECK (length(btrim(motivation)) BETWEEN 10 AND 4000),
    credentials   text NOT NULL DEFAULT '' CHECK (length(credentials) <= 4000),
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reviewed_by   uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    reviewed_at   timestamptz,
    reject_reason text NOT NULL DEFAULT '' CHECK (length(reject_reason) <= 2000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'pending') = (reviewed_at IS NULL)),
    CHECK (status <> 'rejected' OR length(btrim(reject_reason)) > 0)
);
-- At most one open application per user.
CREATE UNIQUE INDEX IF NOT EXISTS teacher_applications_one_pending_key
    ON app.teacher_applications (user_id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS teacher_applications_user_idx
    ON app.teacher_applications (user_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS teacher_applications_status_idx
    ON app.teacher_applications (status, created_at, id);
CREATE INDEX IF NOT EXISTS teacher_applications_reviewed_by_idx
    ON app.teacher_applications (reviewed_by) WHERE reviewed_by IS NOT NULL;
CREATE OR REPLACE TRIGGER teacher_applications_set_updated_at BEFORE UPDATE ON app.teacher_applications
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.teacher_applications ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY teacher_applications_read_own ON app.teacher_applications FOR SELECT
--     TO authenticated USING (user_id = auth.uid());
--   CREATE POLICY teacher_applications_insert_own ON app.teacher_applications FOR INSERT
--     TO authenticated WITH CHECK (user_id = auth.uid() AND status = 'pending');
--   (reviews are made by the service role on behalf of admins)

-- Certifications a teacher lists; only verified ones are public. document_media_id will point
-- at app.media_objects when media exists (no foreign key until that table does).
CREATE TABLE IF NOT EXISTS app.teacher_certifications (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    teacher_id        uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    title             text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    issuer            text NOT NULL CHECK (length(btrim(issuer)) BETWEEN 1 AND 200),
    year              smallint NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    document_media_id uuid,
    status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
    reviewed_by       uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    reviewed_at       timestamptz,
    reject_reason     text NOT NULL DEFAULT '' CHECK (length(reject_reason) <= 2000),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'pending') = (reviewed_at IS NULL)),
    CHECK (status <> 'rejected' OR length(btrim(reject_reason)) > 0)
);
CREATE INDEX IF NOT EXISTS teacher_certifications_teacher_idx
    ON app.teacher_certifications (teacher_id, year DESC, id);
CREATE INDEX IF NOT EXISTS teacher_certifications_status_idx
    ON app.teacher_certifications (status, created_at, id);
CREATE INDEX IF NOT EXISTS teacher_certifications_reviewed_by_idx
    ON app.teacher_certifications (reviewed_by) WHERE reviewed_by IS NOT NULL;
CREATE OR REPLACE TRIGGER teacher_certifications_set_updated_at BEFORE UPDATE ON app.teacher_certifications
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.teacher_certifications ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY teacher_certifications_read ON app.teacher_certifications FOR SELECT
--     TO anon, authenticated USING (status = 'verified' OR teacher_id = auth.uid());
--   CREATE POLICY teacher_certifications_write_own ON app.teacher_certifications FOR ALL
--     TO authenticated USING (teacher_id = auth.uid())
--     WITH CHECK (teacher_id = auth.uid() AND status = 'pending');

-- ---------------------------------------------------------------------------------------------
-- Profiles: the teacher directory (GET /teachers) pages by name; the admin user list by age.
CREATE INDEX IF NOT EXISTS profiles_teacher_directory_idx
    ON app.profiles (lower(display_name), user_id) WHERE role = 'teacher' AND disabled_at IS NULL;
CREATE INDEX IF NOT EXISTS profiles_created_idx ON app.profiles (created_at DESC, user_id DESC);
