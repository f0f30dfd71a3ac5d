-- Rows written to one person about another (a notification "Nytt meddelande från Maja", the
-- teacher's mail "Maja har avbokat ... Orsak: ...") name the person they are about, so that
-- erasing that person's account reaches these copies too (app/privacy/service.py).

ALTER TABLE app.notifications ADD COLUMN IF NOT EXISTS about_user_id uuid;
CREATE INDEX IF NOT EXISTS notifications_about_idx ON app.notifications (about_user_id)
    WHERE about_user_id IS NOT NULL;

ALTER TABLE app.mail_outbox ADD COLUMN IF NOT EXISTS about_user_id uuid;
CREATE INDEX IF NOT EXISTS mail_outbox_about_idx ON app.mail_outbox (about_user_id)
    WHERE about_user_id IS NOT NULL;
-- RLS (Supabase): unchanged; about_user_id is never readable by the person it is about
--   (notifications_own still selects by user_id only).
