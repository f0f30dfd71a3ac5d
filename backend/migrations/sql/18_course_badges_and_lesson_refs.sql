-- A course's badge (shown on its card and page): one of a fixed set, or none. The app shows
-- Swedish names: new "Nyhet", popular "Populär", beginner_friendly "Nybörjarvänlig",
-- in_depth "Fördjupning".
ALTER TABLE app.courses ADD COLUMN IF NOT EXISTS badge text;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'courses_badge_check') THEN
        ALTER TABLE app.courses ADD CONSTRAINT courses_badge_check
            CHECK (badge IS NULL OR badge IN ('new', 'popular', 'beginner_friendly', 'in_depth'));
    END IF;
END
$$;

-- What a lesson's text refers to, kept in step with content_md on every save: pictures, sound
-- and video embedded in the text (media), and magic links to the teacher's own courses,
-- services and seminars. Enrolled students may read the media a lesson embeds; a link whose
-- target is no longer published is shown as plain text.
CREATE TABLE IF NOT EXISTS app.lesson_refs (
    lesson_id  uuid NOT NULL REFERENCES app.lessons (id) ON DELETE CASCADE,
    course_id  uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('media', 'course', 'service', 'seminar')),
    target_id  uuid NOT NULL,
    PRIMARY KEY (lesson_id, kind, target_id)
);
CREATE INDEX IF NOT EXISTS lesson_refs_target_idx ON app.lesson_refs (target_id, kind);
-- RLS (Supabase, migrations/supabase/rls_policies.sql): the course's students and teacher read
-- the rows; only the API writes them, after checking every reference.
--   ALTER TABLE app.lesson_refs ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY lesson_refs_read_course ON app.lesson_refs FOR SELECT TO authenticated
--     USING (EXISTS (SELECT 1 FROM app.enrollments e WHERE e.course_id = lesson_refs.course_id
--                    AND e.user_id = auth.uid())
--            OR EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lesson_refs.course_id
--                    AND c.teacher_id = auth.uid()));
