-- 05_courses.sql: course modules, lesson media, quizzes, lesson progress, certificates and the
-- media store's objects. Idempotent like every migration (IF NOT EXISTS, DO blocks for
-- constraints on existing tables).

-- ---------------------------------------------------------------------------------------------
-- Uploaded files. The bytes live in the media store (local disk or S3) under storage_key; a row
-- here is what makes a file "referenced" (python -m app.cli media-cleanup removes the rest).
CREATE TABLE IF NOT EXISTS app.media_objects (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    purpose       text NOT NULL DEFAULT 'lesson' CHECK (purpose IN ('lesson', 'avatar', 'other')),
    storage_key   text NOT NULL CHECK (storage_key ~ '^[a-z0-9][a-z0-9/._-]{1,200}$'),
    content_type  text NOT NULL CHECK (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    original_name text NOT NULL DEFAULT '' CHECK (length(original_name) <= 255),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_objects_storage_key_key UNIQUE (storage_key)
);
CREATE INDEX IF NOT EXISTS media_objects_owner_idx ON app.media_objects (owner_id, created_at DESC);
-- RLS (Supabase): ALTER TABLE app.media_objects ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY media_read_own ON app.media_objects FOR SELECT TO authenticated
--     USING (owner_id = auth.uid() OR purpose = 'avatar');
--   CREATE POLICY media_delete_own ON app.media_objects FOR DELETE TO authenticated
--     USING (owner_id = auth.uid());
--   (lesson media is served through the API, which checks enrollment)

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'profiles_avatar_media_fkey') THEN
        ALTER TABLE app.profiles ADD CONSTRAINT profiles_avatar_media_fkey
            FOREIGN KEY (avatar_media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
END
$$;
CREATE INDEX IF NOT EXISTS profiles_avatar_media_idx ON app.profiles (avatar_media_id)
    WHERE avatar_media_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Modules group a course's lessons. A lesson without a module (rows from before modules) is
-- shown before the first module.
CREATE TABLE IF NOT EXISTS app.course_modules (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    course_id  uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    title      text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    position   integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS course_modules_course_position_idx
    ON app.course_modules (course_id, position);
CREATE OR REPLACE TRIGGER course_modules_set_updated_at BEFORE UPDATE ON app.course_modules
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.course_modules ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY course_modules_read ON app.course_modules FOR SELECT TO anon, authenticated
--     USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
--                    AND (c.status = 'published' OR c.teacher_id = auth.uid())));
--   CREATE POLICY course_modules_write_teacher ON app.course_modules FOR ALL TO authenticated
--     USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
--                    AND c.teacher_id = auth.uid()))
--     WITH CHECK (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
--                    AND c.teacher_id = auth.uid()));

ALTER TABLE app.lessons ADD COLUMN IF NOT EXISTS module_id uuid;
ALTER TABLE app.lessons ADD COLUMN IF NOT EXISTS media_id uuid;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'lessons_module_fkey') THEN
        ALTER TABLE app.lessons ADD CONSTRAINT lessons_module_fkey
            FOREIGN KEY (module_id) REFERENCES app.course_modules (id) ON DELETE CASCADE;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'lessons_media_fkey') THEN
        ALTER TABLE app.lessons ADD CONSTRAINT lessons_media_fkey
            FOREIGN KEY (media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
END
$$;
CREATE INDEX IF NOT EXISTS lessons_module_position_idx ON app.lessons (module_id, position)
    WHERE module_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS lessons_media_idx ON app.lessons (media_id) WHERE media_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Quizzes: at most one per lesson. correct_options never leave the API before a submission.
CREATE TABLE IF NOT EXISTS app.quizzes (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lesson_id         uuid NOT NULL REFERENCES app.lessons (id) ON DELETE CASCADE,
    title             text NOT NULL DEFAULT '' CHECK (length(title) <= 200),
    pass_mark_percent integer NOT NULL DEFAULT 70 CHECK (pass_mark_percent BETWEEN 1 AND 100),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT quizzes_lesson_key UNIQUE (lesson_id)
);
CREATE OR REPLACE TRIGGER quizzes_set_updated_at BEFORE UPDATE ON app.quizzes
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.quizzes ENABLE ROW LEVEL SECURITY;
--   (read and written through the API only: it grades on the server)

CREATE TABLE IF NOT EXISTS app.quiz_questions (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    quiz_id         uuid NOT NULL REFERENCES app.quizzes (id) ON DELETE CASCADE,
    position        integer NOT NULL CHECK (position >= 0),
    prompt          text NOT NULL CHECK (length(btrim(prompt)) BETWEEN 1 AND 1000),
    options         jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array'
                                          AND jsonb_array_length(options) BETWEEN 2 AND 10),
    correct_options smallint[] NOT NULL CHECK (cardinality(correct_options) >= 1),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS quiz_questions_quiz_idx ON app.quiz_questions (quiz_id, position);
-- RLS (Supabase): ALTER TABLE app.quiz_questions ENABLE ROW LEVEL SECURITY;
--   (no policy for anon/authenticated: the correct answers must stay on the server)

-- Every graded submission; a quiz counts as passed when any attempt passed.
CREATE TABLE IF NOT EXISTS app.quiz_attempts (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    quiz_id       uuid NOT NULL REFERENCES app.quizzes (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    answers       jsonb NOT NULL DEFAULT '{}'::jsonb,
    score_percent integer NOT NULL CHECK (score_percent BETWEEN 0 AND 100),
    passed        boolean NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS quiz_attempts_user_quiz_idx ON app.quiz_attempts (user_id, quiz_id);
CREATE INDEX IF NOT EXISTS quiz_attempts_quiz_idx ON app.quiz_attempts (quiz_id);
-- RLS (Supabase): ALTER TABLE app.quiz_attempts ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY quiz_attempts_read_own ON app.quiz_attempts FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   (inserted by the API after grading)

-- ---------------------------------------------------------------------------------------------
-- Lessons a student has completed (course_id kept for counting progress per course).
CREATE TABLE IF NOT EXISTS app.lesson_progress (
    user_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    lesson_id    uuid NOT NULL REFERENCES app.lessons (id) ON DELETE CASCADE,
    course_id    uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    completed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, lesson_id)
);
CREATE INDEX IF NOT EXISTS lesson_progress_user_course_idx ON app.lesson_progress (user_id, course_id);
CREATE INDEX IF NOT EXISTS lesson_progress_lesson_idx ON app.lesson_progress (lesson_id);
CREATE INDEX IF NOT EXISTS lesson_progress_course_idx ON app.lesson_progress (course_id);
-- RLS (Supabase): ALTER TABLE app.lesson_progress ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY lesson_progress_own ON app.lesson_progress FOR ALL TO authenticated
--     USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- ---------------------------------------------------------------------------------------------
-- Course certificates (Kursintyg). Names and titles are copied at issue time, so a certificate
-- keeps saying what it said when it was issued.
CREATE TABLE IF NOT EXISTS app.certificates (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE CASCADE,
    course_id    uuid NOT NULL REFERENCES app.courses (id) ON DELETE CASCADE,
    code         text NOT NULL CHECK (code ~ '^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$'),
    student_name text NOT NULL CHECK (length(student_name) BETWEEN 1 AND 80),
    course_title text NOT NULL CHECK (length(course_title) BETWEEN 1 AND 200),
    teacher_name text NOT NULL CHECK (length(teacher_name) BETWEEN 1 AND 80),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certificates_code_key UNIQUE (code),
    CONSTRAINT certificates_user_course_key UNIQUE (user_id, course_id)
);
CREATE INDEX IF NOT EXISTS certificates_course_idx ON app.certificates (course_id);
-- RLS (Supabase): ALTER TABLE app.certificates ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY certificates_read_own ON app.certificates FOR SELECT TO authenticated
--     USING (user_id = auth.uid());
--   (public verification by code goes through the API, which shows name, course and date only)
