-- 09_privacy.sql: what GDPR self-service needs (GET /me/export, DELETE /me,
-- `python -m app.cli purge-retained`).
--
-- Deleting an account anonymises its profile (kept, because bookkeeping rows point at it) and
-- removes the rest. Orders, payments and refunds are accounting records (räkenskapsinformation):
-- Bokföringslagen 7 kap. 2 § keeps them until the end of the seventh year after the end of the
-- fiscal year they belong to. They stay pseudonymised (no name, e-mail or free text; the ids
-- point at the anonymised profile) with retain_until set; purge-retained deletes them after it.
-- Idempotent like every migration.

-- When the account was deleted; a deleted profile is also disabled (nobody can sign in).
ALTER TABLE app.profiles ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'profiles_deleted_disabled_check') THEN
        ALTER TABLE app.profiles ADD CONSTRAINT profiles_deleted_disabled_check
            CHECK (deleted_at IS NULL OR disabled_at IS NOT NULL);
    END IF;
END;
$$;
CREATE INDEX IF NOT EXISTS profiles_deleted_idx ON app.profiles (deleted_at) WHERE deleted_at IS NOT NULL;
-- RLS (Supabase): no new policy; deleted_at is not a client column (see rls_policies.sql).

-- The last day a pseudonymised accounting row must be kept (NULL: the parties' accounts exist).
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS retain_until date;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS retain_until date;
ALTER TABLE app.refunds ADD COLUMN IF NOT EXISTS retain_until date;
CREATE INDEX IF NOT EXISTS service_orders_retain_until_idx ON app.service_orders (retain_until)
    WHERE retain_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_retain_until_idx ON app.payments (retain_until)
    WHERE retain_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS refunds_retain_until_idx ON app.refunds (retain_until)
    WHERE retain_until IS NOT NULL;
-- RLS (Supabase): no new policy; the existing read policies of these tables apply.

-- The end of the retention period of a row created at `created`: the fiscal year is the
-- calendar year (in Swedish time), and the row is kept to the end of the seventh year after it.
-- STABLE, not IMMUTABLE: it depends on the time zone rules.
CREATE OR REPLACE FUNCTION app.accounting_retain_until(created timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT make_date(extract(year FROM created AT TIME ZONE 'Europe/Stockholm')::int + 7, 12, 31)
$$;
