-- Changes that decide whether an access token is still good (role, email, display name,
-- disabled, deleted account; an ended or deleted sign-in session) are announced with
-- NOTIFY wisdom_auth, payload the user id ('*' after a TRUNCATE), when they commit. Each API
-- process listens and forgets what it remembered about that user (app/authcache.py), so the
-- cache is right whichever process, script or SQL session made the change.

CREATE OR REPLACE FUNCTION app.notify_auth_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('wisdom_auth', '*');
    ELSE
        PERFORM pg_notify('wisdom_auth', OLD.user_id::text);
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER profiles_auth_change
    AFTER UPDATE OF role, email, display_name, disabled_at OR DELETE ON app.profiles
    FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change();

CREATE OR REPLACE TRIGGER profiles_auth_truncate
    AFTER TRUNCATE ON app.profiles
    FOR EACH STATEMENT EXECUTE FUNCTION app.notify_auth_change();

CREATE OR REPLACE TRIGGER auth_sessions_auth_change
    AFTER UPDATE OF revoked_at OR DELETE ON app.auth_sessions
    FOR EACH ROW EXECUTE FUNCTION app.notify_auth_change();

CREATE OR REPLACE TRIGGER auth_sessions_auth_truncate
    AFTER TRUNCATE ON app.auth_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION app.notify_auth_change();
