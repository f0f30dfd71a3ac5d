-- Cover images of courses, services and seminars: a picture the teacher uploaded
-- (POST /media?purpose=cover) and set with PUT /courses|services|seminars/{id}/cover. Covers are
-- public like avatars (the catalogue shows them to anyone); deleting the file removes the cover.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'media_objects_purpose_check'
                   AND pg_get_constraintdef(oid) LIKE '%''cover''%') THEN
        ALTER TABLE app.media_objects DROP CONSTRAINT IF EXISTS media_objects_purpose_check;
        ALTER TABLE app.media_objects ADD CONSTRAINT media_objects_purpose_check
            CHECK (purpose IN ('lesson', 'avatar', 'other', 'cover'));
    END IF;
END
$$;

ALTER TABLE app.courses ADD COLUMN IF NOT EXISTS cover_media_id uuid;
ALTER TABLE app.services ADD COLUMN IF NOT EXISTS cover_media_id uuid;
ALTER TABLE app.seminars ADD COLUMN IF NOT EXISTS cover_media_id uuid;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'courses_cover_media_fkey') THEN
        ALTER TABLE app.courses ADD CONSTRAINT courses_cover_media_fkey
            FOREIGN KEY (cover_media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'services_cover_media_fkey') THEN
        ALTER TABLE app.services ADD CONSTRAINT services_cover_media_fkey
            FOREIGN KEY (cover_media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'seminars_cover_media_fkey') THEN
        ALTER TABLE app.seminars ADD CONSTRAINT seminars_cover_media_fkey
            FOREIGN KEY (cover_media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
END
$$;
CREATE INDEX IF NOT EXISTS courses_cover_media_idx ON app.courses (cover_media_id)
    WHERE cover_media_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS services_cover_media_idx ON app.services (cover_media_id)
    WHERE cover_media_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS seminars_cover_media_idx ON app.seminars (cover_media_id)
    WHERE cover_media_id IS NOT NULL;
-- RLS (Supabase): media_read_own also lets anyone read purpose = 'cover' (like 'avatar').
