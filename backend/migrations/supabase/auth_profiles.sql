-- auth_profiles.sql: the bridge between Supabase Auth and app.profiles.
--
-- Run it in the Supabase SQL editor after the app schema and rls_policies.sql. Idempotent
-- (CREATE OR REPLACE). On Supabase, sign-up creates a row in auth.users; this trigger gives the
-- new user their app.profiles row with the same id (app.profiles.user_id = auth.users.id), so
-- auth.uid() in every policy is the profile's user_id. A changed e-mail address follows.
--
-- There is deliberately no foreign key from app.profiles.user_id to auth.users.id: deleting an
-- account (DELETE /me) anonymises the profile and keeps it as long as pseudonymised orders
-- reference it (bookkeeping), while the auth.users row is deleted at once.

CREATE OR REPLACE FUNCTION app.profile_for_new_auth_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    INSERT INTO app.profiles (user_id, email, display_name, locale)
    VALUES (
        NEW.id,
        NEW.email,
        left(coalesce(nullif(btrim(NEW.raw_user_meta_data ->> 'display_name'), ''),
                      split_part(NEW.email, '@', 1)), 80),
        CASE WHEN NEW.raw_user_meta_data ->> 'locale' = 'en' THEN 'en' ELSE 'sv' END
    )
    ON CONFLICT (user_id) DO NOTHING;
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION app.profile_for_new_auth_user() FROM PUBLIC;

CREATE OR REPLACE FUNCTION app.profile_email_follows_auth_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $$
BEGIN
    UPDATE app.profiles SET email = NEW.email
    WHERE user_id = NEW.id AND NEW.email IS NOT NULL AND email IS DISTINCT FROM NEW.email;
    RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION app.profile_email_follows_auth_user() FROM PUBLIC;

CREATE OR REPLACE TRIGGER app_profile_on_signup AFTER INSERT ON auth.users
    FOR EACH ROW EXECUTE FUNCTION app.profile_for_new_auth_user();
CREATE OR REPLACE TRIGGER app_profile_email_on_change AFTER UPDATE OF email ON auth.users
    FOR EACH ROW EXECUTE FUNCTION app.profile_email_follows_auth_user();
