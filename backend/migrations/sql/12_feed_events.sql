-- Any change to what GET /feed shows is announced with NOTIFY wisdom_feed when it commits, so
-- that each API process forgets its cached feed pages (app/feed/cache.py): every insert, update
-- or delete of activities (statement triggers: one notification per statement, and PostgreSQL
-- folds repeats within a transaction), and changes to the profile columns an item shows.

CREATE OR REPLACE FUNCTION app.notify_feed_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('wisdom_feed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER activities_feed_change
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON app.activities
    FOR EACH STATEMENT EXECUTE FUNCTION app.notify_feed_change();

CREATE OR REPLACE TRIGGER profiles_feed_change
    AFTER UPDATE OF display_name, avatar_media_id, role OR DELETE OR TRUNCATE ON app.profiles
    FOR EACH STATEMENT EXECUTE FUNCTION app.notify_feed_change();

-- Whether a viewer authored a hidden item (asked by each process once per viewer and change).
CREATE INDEX IF NOT EXISTS activities_hidden_actor_idx ON app.activities (actor_id)
    WHERE hidden_at IS NOT NULL;
