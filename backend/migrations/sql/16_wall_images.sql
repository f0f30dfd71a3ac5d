-- 16_wall_images.sql: a wall post's image is a media object its author uploaded. The API checks
-- that when a post is written (422 invalid_image); this adds the foreign key that 07_community.sql
-- left for later, so deleting the file takes the image off the post, and first takes away the
-- images that break the rule (files that do not exist or belong to someone else; such ids were
-- accepted unchecked before). Idempotent like every migration.

UPDATE app.wall_posts p SET image_media_id = NULL
WHERE p.image_media_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM app.media_objects m
                  WHERE m.id = p.image_media_id AND m.owner_id = p.author_id);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'wall_posts_image_media_fkey') THEN
        ALTER TABLE app.wall_posts ADD CONSTRAINT wall_posts_image_media_fkey
            FOREIGN KEY (image_media_id) REFERENCES app.media_objects (id) ON DELETE SET NULL;
    END IF;
END
$$;
-- Who may load a file asks which posts use it (app.community.service.wall_image_check).
CREATE INDEX IF NOT EXISTS wall_posts_image_media_idx ON app.wall_posts (image_media_id)
    WHERE image_media_id IS NOT NULL;
