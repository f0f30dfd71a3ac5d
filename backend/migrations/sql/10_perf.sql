-- 10_perf.sql: indexes for the hot read paths. Idempotent like every migration.

-- GET /courses (the catalogue) pages published courses newest first by (published_at, id) with
-- a keyset on the same pair; courses_catalogue_idx is on created_at and cannot serve it.
CREATE INDEX IF NOT EXISTS courses_published_idx ON app.courses (published_at DESC, id DESC)
    WHERE status = 'published';
