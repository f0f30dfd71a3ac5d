-- A course's category (the catalogue filters by it): one of a fixed set, 'other' for courses
-- made before categories existed. The app shows Swedish names for the keys.

ALTER TABLE app.courses ADD COLUMN IF NOT EXISTS category text NOT NULL DEFAULT 'other';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'courses_category_check') THEN
        ALTER TABLE app.courses ADD CONSTRAINT courses_category_check
            CHECK (category IN ('meditation', 'yoga', 'breathwork', 'mindfulness', 'tarot',
                                'astrology', 'healing', 'coaching', 'other'));
    END IF;
END
$$;

-- The catalogue filtered by category, newest first (the same keyset as courses_published_idx).
CREATE INDEX IF NOT EXISTS courses_category_published_idx
    ON app.courses (category, published_at DESC, id DESC) WHERE status = 'published';
