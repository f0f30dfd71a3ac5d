-- 07_community.sql: the community wall ("Gemensam vägg"), reactions, direct messages, blocks and
-- content reports. Wall posts reach the feed through app.activities (kind 'wall_post',
-- subject_type 'post'), whose kind and subject_type CHECKs already allow them.
--
-- Moderation columns on posts, comments and messages: hidden_at is set when two different users
-- have reported the content (or an admin removed it); removed_at when an admin removed it.
-- Hidden content is shown only to admins and its author.

-- ---------------------------------------------------------------------------------------------
-- Wall posts. image_media_id points into the media store, which does not exist yet: no foreign
-- key until it does.
CREATE TABLE IF NOT EXISTS app.wall_posts (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    author_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    body           text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
    image_media_id uuid,
    pinned_at      timestamptz,
    pinned_by      uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    is_pinned      boolean GENERATED ALWAYS AS (pinned_at IS NOT NULL) STORED,
    edited_at      timestamptz,
    hidden_at      timestamptz,
    removed_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (removed_at IS NULL OR hidden_at IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS wall_posts_author_idx ON app.wall_posts (author_id);
CREATE INDEX IF NOT EXISTS wall_posts_pinned_by_idx ON app.wall_posts (pinned_by) WHERE pinned_by IS NOT NULL;
-- The wall's order: pinned first, then newest first (the keyset of GET /wall/posts).
CREATE INDEX IF NOT EXISTS wall_posts_wall_idx ON app.wall_posts (is_pinned DESC, created_at DESC, id DESC);
CREATE OR REPLACE TRIGGER wall_posts_set_updated_at BEFORE UPDATE ON app.wall_posts
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.wall_posts ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY wall_posts_read ON app.wall_posts FOR SELECT TO authenticated
--     USING (hidden_at IS NULL OR author_id = auth.uid());
--   CREATE POLICY wall_posts_insert_own ON app.wall_posts FOR INSERT TO authenticated
--     WITH CHECK (author_id = auth.uid() AND pinned_at IS NULL AND hidden_at IS NULL);
--   CREATE POLICY wall_posts_update_own ON app.wall_posts FOR UPDATE TO authenticated
--     USING (author_id = auth.uid() AND hidden_at IS NULL) WITH CHECK (author_id = auth.uid());
--   CREATE POLICY wall_posts_delete_own ON app.wall_posts FOR DELETE TO authenticated
--     USING (author_id = auth.uid());
--   (pinning and moderation are done by the service role on behalf of teachers and admins)

CREATE TABLE IF NOT EXISTS app.wall_comments (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    post_id    uuid NOT NULL REFERENCES app.wall_posts (id) ON DELETE CASCADE,
    author_id  uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    body       text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
    edited_at  timestamptz,
    hidden_at  timestamptz,
    removed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (removed_at IS NULL OR hidden_at IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS wall_comments_post_idx ON app.wall_comments (post_id, created_at, id);
CREATE INDEX IF NOT EXISTS wall_comments_author_idx ON app.wall_comments (author_id);
CREATE OR REPLACE TRIGGER wall_comments_set_updated_at BEFORE UPDATE ON app.wall_comments
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.wall_comments ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY wall_comments_read ON app.wall_comments FOR SELECT TO authenticated
--     USING (hidden_at IS NULL OR author_id = auth.uid());
--   CREATE POLICY wall_comments_write_own ON app.wall_comments FOR ALL TO authenticated
--     USING (author_id = auth.uid()) WITH CHECK (author_id = auth.uid() AND hidden_at IS NULL);

-- One reaction per user and kind on a post or on a comment (exactly one of the two is set;
-- NULLs never collide in a UNIQUE constraint, so each constraint guards its own target).
CREATE TABLE IF NOT EXISTS app.wall_reactions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    post_id    uuid REFERENCES app.wall_posts (id) ON DELETE CASCADE,
    comment_id uuid REFERENCES app.wall_comments (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('like', 'love', 'grateful', 'insightful')),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(post_id, comment_id) = 1),
    CONSTRAINT wall_reactions_post_key UNIQUE (post_id, user_id, kind),
    CONSTRAINT wall_reactions_comment_key UNIQUE (comment_id, user_id, kind)
);
CREATE INDEX IF NOT EXISTS wall_reactions_user_idx ON app.wall_reactions (user_id);
-- RLS (Supabase): ALTER TABLE app.wall_reactions ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY wall_reactions_read ON app.wall_reactions FOR SELECT TO authenticated USING (true);
--   CREATE POLICY wall_reactions_write_own ON app.wall_reactions FOR ALL TO authenticated
--     USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Direct messages between two users. A conversation is the pair, stored in uuid order so that
-- the pair is unique whoever writes first.
CREATE TABLE IF NOT EXISTS app.conversations (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_a_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    user_b_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    last_message_at timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (user_a_id < user_b_id),
    CONSTRAINT conversations_pair_key UNIQUE (user_a_id, user_b_id)
);
-- GET /conversations: one keyset index per side of the pair (the first also serves user_a_id's
-- foreign key together with the pair key, the second user_b_id's).
CREATE INDEX IF NOT EXISTS conversations_a_recent_idx ON app.conversations (user_a_id, last_message_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS conversations_b_recent_idx ON app.conversations (user_b_id, last_message_at DESC, id DESC);
-- RLS (Supabase): ALTER TABLE app.conversations ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY conversations_members ON app.conversations FOR SELECT TO authenticated
--     USING (auth.uid() IN (user_a_id, user_b_id));
--   (created by the service role after the messaging rules are checked)

-- Message ids come from the activities' id sequence: feed items and messages share one ordered
-- id space, so the event stream's Last-Event-ID is a single number that resumes both.
CREATE TABLE IF NOT EXISTS app.messages (
    id              bigint PRIMARY KEY DEFAULT nextval('app.activities_id_seq'),
    conversation_id uuid NOT NULL REFERENCES app.conversations (id) ON DELETE CASCADE,
    sender_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    recipient_id    uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    body            text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
    read_at         timestamptz,
    hidden_at       timestamptz,
    removed_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (sender_id <> recipient_id),
    CHECK (removed_at IS NULL OR hidden_at IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS messages_conversation_idx ON app.messages (conversation_id, id DESC);
CREATE INDEX IF NOT EXISTS messages_sender_idx ON app.messages (sender_id);
-- The event stream's replay (messages to a user after an id) and the recipient foreign key.
CREATE INDEX IF NOT EXISTS messages_recipient_idx ON app.messages (recipient_id, id);
CREATE INDEX IF NOT EXISTS messages_unread_idx ON app.messages (recipient_id, conversation_id)
    WHERE read_at IS NULL;
-- RLS (Supabase): ALTER TABLE app.messages ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY messages_read ON app.messages FOR SELECT TO authenticated
--     USING (sender_id = auth.uid() OR (recipient_id = auth.uid() AND hidden_at IS NULL));
--   CREATE POLICY messages_mark_read ON app.messages FOR UPDATE TO authenticated
--     USING (recipient_id = auth.uid()) WITH CHECK (recipient_id = auth.uid());
--   (sent through the service role, which checks who may write to whom and blocks)

-- A user who blocked another receives no messages from them.
CREATE TABLE IF NOT EXISTS app.user_blocks (
    blocker_id uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    blocked_id uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX IF NOT EXISTS user_blocks_blocked_idx ON app.user_blocks (blocked_id);
-- RLS (Supabase): ALTER TABLE app.user_blocks ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY user_blocks_own ON app.user_blocks FOR ALL TO authenticated
--     USING (blocker_id = auth.uid()) WITH CHECK (blocker_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Reports of a post, a comment or a message (exactly the matching foreign key is set), one per
-- reporter and target. Open reports from two different users hide the target until an admin
-- restores or removes it; the admin's act resolves every open report of that target.
CREATE TABLE IF NOT EXISTS app.content_reports (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reporter_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    target_type      text NOT NULL CHECK (target_type IN ('post', 'comment', 'message')),
    post_id          uuid REFERENCES app.wall_posts (id) ON DELETE CASCADE,
    comment_id       uuid REFERENCES app.wall_comments (id) ON DELETE CASCADE,
    message_id       bigint REFERENCES app.messages (id) ON DELETE CASCADE,
    target_author_id uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    reason           text NOT NULL CHECK (length(btrim(reason)) BETWEEN 3 AND 1000),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'restored', 'removed')),
    resolved_by      uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    resolved_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(post_id, comment_id, message_id) = 1),
    CHECK ((target_type = 'post') = (post_id IS NOT NULL)
       AND (target_type = 'comment') = (comment_id IS NOT NULL)
       AND (target_type = 'message') = (message_id IS NOT NULL)),
    CHECK ((status = 'open') = (resolved_at IS NULL)),
    CHECK (reporter_id <> target_author_id),
    CONSTRAINT content_reports_post_key UNIQUE (post_id, reporter_id),
    CONSTRAINT content_reports_comment_key UNIQUE (comment_id, reporter_id),
    CONSTRAINT content_reports_message_key UNIQUE (message_id, reporter_id)
);
CREATE INDEX IF NOT EXISTS content_reports_reporter_idx ON app.content_reports (reporter_id);
CREATE INDEX IF NOT EXISTS content_reports_author_idx ON app.content_reports (target_author_id);
CREATE INDEX IF NOT EXISTS content_reports_resolved_by_idx ON app.content_reports (resolved_by)
    WHERE resolved_by IS NOT NULL;
-- GET /admin/reports: by status, newest first.
CREATE INDEX IF NOT EXISTS content_reports_queue_idx ON app.content_reports (status, created_at DESC, id DESC);
-- RLS (Supabase): ALTER TABLE app.content_reports ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY content_reports_insert_own ON app.content_reports FOR INSERT TO authenticated
--     WITH CHECK (reporter_id = auth.uid() AND status = 'open');
--   CREATE POLICY content_reports_read_own ON app.content_reports FOR SELECT TO authenticated
--     USING (reporter_id = auth.uid());
--   (hiding at the threshold and the admin's review run as the service role)
