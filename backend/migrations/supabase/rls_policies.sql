-- rls_policies.sql: row-level security for schema `app` on Supabase.
--
-- Run it in the Supabase SQL editor after the app schema (backend/migrations/sql/*.sql), and
-- again after every new migration: it is idempotent (DROP POLICY IF EXISTS + CREATE POLICY,
-- CREATE OR REPLACE FUNCTION, GRANT/REVOKE). It needs what Supabase provides: the roles anon,
-- authenticated and service_role and the function auth.uid() (the `sub` claim of the request's
-- JWT). backend/tests/supabase/test_rls.py applies it on plain PostgreSQL with a stand-in for
-- those (backend/tests/supabase/standin.sql) and proves what each role can see and change.
--
-- Two layers:
--   1. Privileges (GRANT) say what a role may ever do to a table or column. anon reads the
--      public catalogue only; authenticated reads what its policies let through and writes only
--      the tables and columns listed below (e.g. a profile's display_name, never its role);
--      service_role (the API's server key) bypasses RLS and may do everything.
--   2. Policies (CREATE POLICY) say which rows. Every table has RLS enabled; a table without a
--      policy for a role shows that role nothing (credentials, the audit log, the mail outbox,
--      the webhook inbox, quiz answers).
-- Every table in schema app appears below; the test fails when a new table has no RLS.
--
-- Policies may reference columns the role cannot select (e.g. profiles.disabled_at): policy
-- expressions are not subject to column privileges.

-- ---------------------------------------------------------------------------------------------
-- Privileges: the baseline.
GRANT USAGE ON SCHEMA app TO anon, authenticated, service_role;
GRANT ALL ON ALL TABLES IN SCHEMA app TO service_role;
GRANT ALL ON ALL SEQUENCES IN SCHEMA app TO service_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO service_role;
-- Start from nothing for the client roles, then grant table by table below, so that a table
-- added later is closed until this file says otherwise.
REVOKE ALL ON ALL TABLES IN SCHEMA app FROM anon, authenticated;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA app TO authenticated;

-- ---------------------------------------------------------------------------------------------
-- Helpers. SECURITY DEFINER with an empty search_path: they read app.profiles without the
-- caller's policies (a policy on profiles that read profiles would recurse).
CREATE OR REPLACE FUNCTION app.rls_is_teacher() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS $$
    SELECT EXISTS (
        SELECT 1 FROM app.profiles p
        WHERE p.user_id = auth.uid() AND p.role IN ('teacher', 'admin') AND p.disabled_at IS NULL
    )
$$;
REVOKE ALL ON FUNCTION app.rls_is_teacher() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.rls_is_teacher() TO authenticated, service_role;

-- =============================================================================================
-- Accounts (03_accounts.sql, 01_app_schema.sql)
-- =============================================================================================

-- Profiles: members see every active profile (and their own), visitors the teacher directory.
-- Nobody but the service role sees e-mail addresses (Supabase keeps them in auth.users) or the
-- disabled/deleted flags; a user changes only their own name, bio, language and avatar.
ALTER TABLE app.profiles ENABLE ROW LEVEL SECURITY;
GRANT SELECT (user_id, display_name, role, bio, locale, avatar_media_id, created_at)
    ON app.profiles TO anon, authenticated;
GRANT UPDATE (display_name, bio, locale, avatar_media_id) ON app.profiles TO authenticated;
DROP POLICY IF EXISTS profiles_read ON app.profiles;
CREATE POLICY profiles_read ON app.profiles FOR SELECT TO authenticated
    USING (disabled_at IS NULL OR user_id = auth.uid());
DROP POLICY IF EXISTS profiles_read_teachers ON app.profiles;
CREATE POLICY profiles_read_teachers ON app.profiles FOR SELECT TO anon
    USING (role = 'teacher' AND disabled_at IS NULL);
DROP POLICY IF EXISTS profiles_update_own ON app.profiles;
CREATE POLICY profiles_update_own ON app.profiles FOR UPDATE TO authenticated
    USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- Local credentials, sessions, refresh tokens and password resets are what Supabase Auth
-- replaces (auth.users, auth.sessions, auth.refresh_tokens). Until they are dropped: RLS on,
-- no privileges and no policy, so only the service role touches them.
ALTER TABLE app.local_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.auth_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.password_resets ENABLE ROW LEVEL SECURITY;

-- Consents: a user reads and records their own.
ALTER TABLE app.consents ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.consents TO authenticated;
GRANT INSERT (user_id, kind, version, user_agent) ON app.consents TO authenticated;
DROP POLICY IF EXISTS consents_read_own ON app.consents;
CREATE POLICY consents_read_own ON app.consents FOR SELECT TO authenticated
    USING (user_id = auth.uid());
DROP POLICY IF EXISTS consents_insert_own ON app.consents;
CREATE POLICY consents_insert_own ON app.consents FOR INSERT TO authenticated
    WITH CHECK (user_id = auth.uid());

-- Teacher applications: a user reads theirs and applies (pending); admins review through the
-- API (service role).
ALTER TABLE app.teacher_applications ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.teacher_applications TO authenticated;
GRANT INSERT (user_id, motivation, credentials) ON app.teacher_applications TO authenticated;
DROP POLICY IF EXISTS teacher_applications_read_own ON app.teacher_applications;
CREATE POLICY teacher_applications_read_own ON app.teacher_applications FOR SELECT
    TO authenticated USING (user_id = auth.uid());
DROP POLICY IF EXISTS teacher_applications_insert_own ON app.teacher_applications;
CREATE POLICY teacher_applications_insert_own ON app.teacher_applications FOR INSERT
    TO authenticated WITH CHECK (user_id = auth.uid() AND status = 'pending');

-- Certifications: verified ones are public; a teacher manages their own (back to pending).
ALTER TABLE app.teacher_certifications ENABLE ROW LEVEL SECURITY;
GRANT SELECT (id, teacher_id, title, issuer, year, status, created_at)
    ON app.teacher_certifications TO anon;
GRANT SELECT, DELETE ON app.teacher_certifications TO authenticated;
GRANT INSERT (teacher_id, title, issuer, year, document_media_id),
      UPDATE (title, issuer, year, document_media_id)
    ON app.teacher_certifications TO authenticated;
DROP POLICY IF EXISTS teacher_certifications_read ON app.teacher_certifications;
CREATE POLICY teacher_certifications_read ON app.teacher_certifications FOR SELECT
    TO anon, authenticated USING (status = 'verified' OR teacher_id = auth.uid());
DROP POLICY IF EXISTS teacher_certifications_write_own ON app.teacher_certifications;
CREATE POLICY teacher_certifications_write_own ON app.teacher_certifications FOR ALL
    TO authenticated USING (teacher_id = auth.uid())
    WITH CHECK (teacher_id = auth.uid() AND status = 'pending' AND app.rls_is_teacher());

-- =============================================================================================
-- Platform (02_platform.sql)
-- =============================================================================================

-- Platform settings are public reading (free-course limit, fees); admins change them through
-- the API.
ALTER TABLE app.app_config ENABLE ROW LEVEL SECURITY;
GRANT SELECT (key, value, description) ON app.app_config TO anon, authenticated;
DROP POLICY IF EXISTS app_config_read ON app.app_config;
CREATE POLICY app_config_read ON app.app_config FOR SELECT TO anon, authenticated USING (true);

-- The audit log, the mail outbox and the migrations ledger: service role only.
ALTER TABLE app.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.schema_migrations ENABLE ROW LEVEL SECURITY;

-- Notifications: a user reads theirs and marks them read.
ALTER TABLE app.notifications ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.notifications TO authenticated;
GRANT UPDATE (read_at) ON app.notifications TO authenticated;
DROP POLICY IF EXISTS notifications_own ON app.notifications;
CREATE POLICY notifications_own ON app.notifications FOR SELECT TO authenticated
    USING (user_id = auth.uid());
DROP POLICY IF EXISTS notifications_mark_read ON app.notifications;
CREATE POLICY notifications_mark_read ON app.notifications FOR UPDATE TO authenticated
    USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- Activities (the feed): public ones for everyone, members-only ones for members. The view
-- runs with the caller's rights, so these policies (and those of profiles) apply through it.
ALTER TABLE app.activities ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.activities TO anon, authenticated;
DROP POLICY IF EXISTS activities_read ON app.activities;
CREATE POLICY activities_read ON app.activities FOR SELECT TO anon, authenticated
    USING (hidden_at IS NULL AND (visibility = 'public' OR auth.uid() IS NOT NULL));
ALTER VIEW app.activities_feed SET (security_invoker = true);
GRANT SELECT ON app.activities_feed TO anon, authenticated;

-- =============================================================================================
-- Catalogue: courses, lessons, services, seminars, reviews (01, 05)
-- =============================================================================================

-- Courses: published ones are public; a teacher manages their own.
ALTER TABLE app.courses ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.courses TO anon, authenticated;
GRANT INSERT, UPDATE, DELETE ON app.courses TO authenticated;
DROP POLICY IF EXISTS courses_read ON app.courses;
CREATE POLICY courses_read ON app.courses FOR SELECT TO anon, authenticated
    USING (status = 'published' OR teacher_id = auth.uid());
DROP POLICY IF EXISTS courses_write_own ON app.courses;
CREATE POLICY courses_write_own ON app.courses FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());

-- Modules: visible with their course; written by its teacher.
ALTER TABLE app.course_modules ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.course_modules TO anon, authenticated;
GRANT INSERT, UPDATE, DELETE ON app.course_modules TO authenticated;
DROP POLICY IF EXISTS course_modules_read ON app.course_modules;
CREATE POLICY course_modules_read ON app.course_modules FOR SELECT TO anon, authenticated
    USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
                   AND (c.status = 'published' OR c.teacher_id = auth.uid())));
DROP POLICY IF EXISTS course_modules_write_teacher ON app.course_modules;
CREATE POLICY course_modules_write_teacher ON app.course_modules FOR ALL TO authenticated
    USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
                   AND c.teacher_id = auth.uid()))
    WITH CHECK (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = course_modules.course_id
                   AND c.teacher_id = auth.uid()));

-- Lessons: their content is for enrolled students and the course's teacher.
ALTER TABLE app.lessons ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.lessons TO authenticated;
GRANT INSERT, UPDATE, DELETE ON app.lessons TO authenticated;
DROP POLICY IF EXISTS lessons_read_enrolled ON app.lessons;
CREATE POLICY lessons_read_enrolled ON app.lessons FOR SELECT TO authenticated USING (
    EXISTS (SELECT 1 FROM app.enrollments e WHERE e.course_id = lessons.course_id
            AND e.user_id = auth.uid())
    OR EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
            AND c.teacher_id = auth.uid()));
DROP POLICY IF EXISTS lessons_write_teacher ON app.lessons;
CREATE POLICY lessons_write_teacher ON app.lessons FOR ALL TO authenticated
    USING (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
                   AND c.teacher_id = auth.uid()))
    WITH CHECK (EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lessons.course_id
                   AND c.teacher_id = auth.uid()));

-- What lesson texts refer to (18): read by the course's students and teacher; written only by
-- the API, which checks every reference on save (service role).
ALTER TABLE app.lesson_refs ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.lesson_refs TO authenticated;
DROP POLICY IF EXISTS lesson_refs_read_course ON app.lesson_refs;
CREATE POLICY lesson_refs_read_course ON app.lesson_refs FOR SELECT TO authenticated USING (
    EXISTS (SELECT 1 FROM app.enrollments e WHERE e.course_id = lesson_refs.course_id
            AND e.user_id = auth.uid())
    OR EXISTS (SELECT 1 FROM app.courses c WHERE c.id = lesson_refs.course_id
            AND c.teacher_id = auth.uid()));

-- Quizzes and their questions are graded on the server: the correct answers never reach a
-- client, so the API (service role) serves them.
ALTER TABLE app.quizzes ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.quiz_questions ENABLE ROW LEVEL SECURITY;

-- Quiz attempts: a student reads their own results (the API inserts them after grading).
ALTER TABLE app.quiz_attempts ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.quiz_attempts TO authenticated;
DROP POLICY IF EXISTS quiz_attempts_read_own ON app.quiz_attempts;
CREATE POLICY quiz_attempts_read_own ON app.quiz_attempts FOR SELECT TO authenticated
    USING (user_id = auth.uid());

-- Enrollments: a student sees their own and may leave a free course; enrolling (the free-course
-- limit, paid webhooks) is done by the API.
ALTER TABLE app.enrollments ENABLE ROW LEVEL SECURITY;
GRANT SELECT, DELETE ON app.enrollments TO authenticated;
DROP POLICY IF EXISTS enrollments_read_own ON app.enrollments;
CREATE POLICY enrollments_read_own ON app.enrollments FOR SELECT TO authenticated
    USING (user_id = auth.uid());
DROP POLICY IF EXISTS enrollments_leave_free ON app.enrollments;
CREATE POLICY enrollments_leave_free ON app.enrollments FOR DELETE TO authenticated
    USING (user_id = auth.uid() AND source = 'free');

-- Lesson progress: a student records their own, in courses they are enrolled in.
ALTER TABLE app.lesson_progress ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON app.lesson_progress TO authenticated;
DROP POLICY IF EXISTS lesson_progress_read_own ON app.lesson_progress;
CREATE POLICY lesson_progress_read_own ON app.lesson_progress FOR SELECT TO authenticated
    USING (user_id = auth.uid());
DROP POLICY IF EXISTS lesson_progress_insert_own ON app.lesson_progress;
CREATE POLICY lesson_progress_insert_own ON app.lesson_progress FOR INSERT TO authenticated
    WITH CHECK (user_id = auth.uid()
                AND EXISTS (SELECT 1 FROM app.enrollments e WHERE e.user_id = auth.uid()
                            AND e.course_id = lesson_progress.course_id)
                AND EXISTS (SELECT 1 FROM app.lessons l WHERE l.id = lesson_progress.lesson_id
                            AND l.course_id = lesson_progress.course_id));
DROP POLICY IF EXISTS lesson_progress_delete_own ON app.lesson_progress;
CREATE POLICY lesson_progress_delete_own ON app.lesson_progress FOR DELETE TO authenticated
    USING (user_id = auth.uid());

-- Certificates: a student reads their own (public verification by code goes through the API,
-- which shows name, course and date only).
ALTER TABLE app.certificates ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.certificates TO authenticated;
DROP POLICY IF EXISTS certificates_read_own ON app.certificates;
CREATE POLICY certificates_read_own ON app.certificates FOR SELECT TO authenticated
    USING (user_id = auth.uid());

-- Media objects: a user sees their own files and everyone's avatars; lesson media is streamed
-- by the API (Supabase Storage signed URLs after the move), which checks enrollment.
ALTER TABLE app.media_objects ENABLE ROW LEVEL SECURITY;
GRANT SELECT, DELETE ON app.media_objects TO authenticated;
DROP POLICY IF EXISTS media_read_own ON app.media_objects;
CREATE POLICY media_read_own ON app.media_objects FOR SELECT TO authenticated
    USING (owner_id = auth.uid() OR purpose IN ('avatar', 'cover'));
DROP POLICY IF EXISTS media_delete_own ON app.media_objects;
CREATE POLICY media_delete_own ON app.media_objects FOR DELETE TO authenticated
    USING (owner_id = auth.uid());

-- Services: active ones are public; a teacher manages their own.
ALTER TABLE app.services ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.services TO anon, authenticated;
GRANT INSERT, UPDATE, DELETE ON app.services TO authenticated;
DROP POLICY IF EXISTS services_read ON app.services;
CREATE POLICY services_read ON app.services FOR SELECT TO anon, authenticated
    USING (status = 'active' OR teacher_id = auth.uid());
DROP POLICY IF EXISTS services_write_own ON app.services;
CREATE POLICY services_write_own ON app.services FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());

-- Reviews are public; a buyer writes one per service they paid for and edits their own.
ALTER TABLE app.service_reviews ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.service_reviews TO anon, authenticated;
GRANT INSERT (order_id, service_id, author_id, rating, body), UPDATE (rating, body), DELETE
    ON app.service_reviews TO authenticated;
DROP POLICY IF EXISTS reviews_read ON app.service_reviews;
CREATE POLICY reviews_read ON app.service_reviews FOR SELECT TO anon, authenticated USING (true);
DROP POLICY IF EXISTS reviews_write_own ON app.service_reviews;
CREATE POLICY reviews_write_own ON app.service_reviews FOR ALL TO authenticated
    USING (author_id = auth.uid())
    WITH CHECK (author_id = auth.uid()
                AND EXISTS (SELECT 1 FROM app.service_orders o
                            WHERE o.id = service_reviews.order_id AND o.buyer_id = auth.uid()
                              AND o.service_id = service_reviews.service_id
                              AND o.status IN ('paid', 'fulfilled', 'partially_refunded')));

-- Seminars are public (the schedule); a teacher manages their own.
ALTER TABLE app.seminars ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.seminars TO anon, authenticated;
GRANT INSERT, UPDATE, DELETE ON app.seminars TO authenticated;
DROP POLICY IF EXISTS seminars_read ON app.seminars;
CREATE POLICY seminars_read ON app.seminars FOR SELECT TO anon, authenticated USING (true);
DROP POLICY IF EXISTS seminars_write_own ON app.seminars;
CREATE POLICY seminars_write_own ON app.seminars FOR ALL TO authenticated
    USING (host_id = auth.uid()) WITH CHECK (host_id = auth.uid() AND app.rls_is_teacher());

-- Seats: an attendee sees their own, the host sees the seminar's; seats are taken and given
-- back through the API, which counts them under the seminar's row lock.
ALTER TABLE app.seminar_attendees ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.seminar_attendees TO authenticated;
DROP POLICY IF EXISTS attendees_read ON app.seminar_attendees;
CREATE POLICY attendees_read ON app.seminar_attendees FOR SELECT TO authenticated
    USING (user_id = auth.uid() OR EXISTS (SELECT 1 FROM app.seminars s
           WHERE s.id = seminar_attendees.seminar_id AND s.host_id = auth.uid()));

-- Waitlist: the same readers; the queue is served by the API.
ALTER TABLE app.seminar_waitlist ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.seminar_waitlist TO authenticated;
DROP POLICY IF EXISTS seminar_waitlist_read ON app.seminar_waitlist;
CREATE POLICY seminar_waitlist_read ON app.seminar_waitlist FOR SELECT TO authenticated
    USING (user_id = auth.uid() OR EXISTS (SELECT 1 FROM app.seminars s
           WHERE s.id = seminar_waitlist.seminar_id AND s.host_id = auth.uid()));

-- Reminders sent: a user sees their own (written by the reminder job).
ALTER TABLE app.seminar_reminders ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.seminar_reminders TO authenticated;
DROP POLICY IF EXISTS seminar_reminders_read_own ON app.seminar_reminders;
CREATE POLICY seminar_reminders_read_own ON app.seminar_reminders FOR SELECT TO authenticated
    USING (user_id = auth.uid());

-- =============================================================================================
-- Orders and payments (01, 04)
-- =============================================================================================

-- Orders: buyer and seller see theirs. A buyer may open a pending order only at the item's
-- current price and seller, and cancel their own pending order; payment, fulfilment and refunds
-- are made by the API from verified webhooks (service role).
ALTER TABLE app.service_orders ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.service_orders TO authenticated;
GRANT INSERT (buyer_id, seller_id, item_kind, service_id, course_id, seminar_id, item_title,
              amount_cents, currency, note)
    ON app.service_orders TO authenticated;
GRANT UPDATE (status, canceled_at) ON app.service_orders TO authenticated;
DROP POLICY IF EXISTS orders_read_parties ON app.service_orders;
CREATE POLICY orders_read_parties ON app.service_orders FOR SELECT TO authenticated
    USING (buyer_id = auth.uid() OR seller_id = auth.uid());
DROP POLICY IF EXISTS orders_insert_buyer ON app.service_orders;
CREATE POLICY orders_insert_buyer ON app.service_orders FOR INSERT TO authenticated
    WITH CHECK (
        buyer_id = auth.uid() AND status = 'pending' AND refunded_cents = 0 AND paid_at IS NULL
        AND CASE item_kind
            WHEN 'service' THEN EXISTS (
                SELECT 1 FROM app.services s WHERE s.id = service_orders.service_id
                AND s.status = 'active' AND s.teacher_id = service_orders.seller_id
                AND s.price_cents = service_orders.amount_cents
                AND s.currency = service_orders.currency)
            WHEN 'course' THEN EXISTS (
                SELECT 1 FROM app.courses c WHERE c.id = service_orders.course_id
                AND c.status = 'published' AND c.teacher_id = service_orders.seller_id
                AND c.price_cents = service_orders.amount_cents
                AND c.currency = service_orders.currency)
            WHEN 'seminar' THEN EXISTS (
                SELECT 1 FROM app.seminars m WHERE m.id = service_orders.seminar_id
                AND m.status = 'scheduled' AND m.host_id = service_orders.seller_id
                AND m.price_cents = service_orders.amount_cents
                AND m.currency = service_orders.currency)
            ELSE false
        END);
DROP POLICY IF EXISTS orders_cancel_buyer ON app.service_orders;
CREATE POLICY orders_cancel_buyer ON app.service_orders FOR UPDATE TO authenticated
    USING (buyer_id = auth.uid() AND status = 'pending')
    WITH CHECK (buyer_id = auth.uid() AND status IN ('pending', 'canceled'));

-- Payments: the payer reads their own attempts.
ALTER TABLE app.payments ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.payments TO authenticated;
DROP POLICY IF EXISTS payments_read_own ON app.payments;
CREATE POLICY payments_read_own ON app.payments FOR SELECT TO authenticated
    USING (user_id = auth.uid());

-- Refunds: the buyer and the order's seller read them.
ALTER TABLE app.refunds ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.refunds TO authenticated;
DROP POLICY IF EXISTS refunds_read_parties ON app.refunds;
CREATE POLICY refunds_read_parties ON app.refunds FOR SELECT TO authenticated
    USING (buyer_id = auth.uid() OR EXISTS (SELECT 1 FROM app.service_orders o
           WHERE o.id = refunds.order_id AND o.seller_id = auth.uid()));

-- The provider's webhook inbox: service role only.
ALTER TABLE app.stripe_events ENABLE ROW LEVEL SECURITY;

-- Payout accounts: a teacher reads their own status (onboarding goes through the API).
ALTER TABLE app.teacher_payout_methods ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.teacher_payout_methods TO authenticated;
DROP POLICY IF EXISTS payout_methods_read_own ON app.teacher_payout_methods;
CREATE POLICY payout_methods_read_own ON app.teacher_payout_methods FOR SELECT
    TO authenticated USING (teacher_id = auth.uid());

-- =============================================================================================
-- Community (07_community.sql)
-- =============================================================================================

-- Wall posts: members read visible posts (and their own hidden ones), write and edit their own;
-- pinning and moderation go through the API.
ALTER TABLE app.wall_posts ENABLE ROW LEVEL SECURITY;
GRANT SELECT, DELETE ON app.wall_posts TO authenticated;
GRANT INSERT (author_id, body, image_media_id), UPDATE (body, image_media_id, edited_at)
    ON app.wall_posts TO authenticated;
DROP POLICY IF EXISTS wall_posts_read ON app.wall_posts;
CREATE POLICY wall_posts_read ON app.wall_posts FOR SELECT TO authenticated
    USING (hidden_at IS NULL OR author_id = auth.uid());
DROP POLICY IF EXISTS wall_posts_insert_own ON app.wall_posts;
CREATE POLICY wall_posts_insert_own ON app.wall_posts FOR INSERT TO authenticated
    WITH CHECK (author_id = auth.uid() AND pinned_at IS NULL AND hidden_at IS NULL);
DROP POLICY IF EXISTS wall_posts_update_own ON app.wall_posts;
CREATE POLICY wall_posts_update_own ON app.wall_posts FOR UPDATE TO authenticated
    USING (author_id = auth.uid() AND hidden_at IS NULL) WITH CHECK (author_id = auth.uid());
DROP POLICY IF EXISTS wall_posts_delete_own ON app.wall_posts;
CREATE POLICY wall_posts_delete_own ON app.wall_posts FOR DELETE TO authenticated
    USING (author_id = auth.uid());

-- Comments: the same rules, on a post the author can see.
ALTER TABLE app.wall_comments ENABLE ROW LEVEL SECURITY;
GRANT SELECT, DELETE ON app.wall_comments TO authenticated;
GRANT INSERT (post_id, author_id, body), UPDATE (body, edited_at)
    ON app.wall_comments TO authenticated;
DROP POLICY IF EXISTS wall_comments_read ON app.wall_comments;
CREATE POLICY wall_comments_read ON app.wall_comments FOR SELECT TO authenticated
    USING (hidden_at IS NULL OR author_id = auth.uid());
DROP POLICY IF EXISTS wall_comments_write_own ON app.wall_comments;
CREATE POLICY wall_comments_write_own ON app.wall_comments FOR ALL TO authenticated
    USING (author_id = auth.uid())
    WITH CHECK (author_id = auth.uid() AND hidden_at IS NULL
                AND EXISTS (SELECT 1 FROM app.wall_posts p WHERE p.id = wall_comments.post_id));

-- Reactions: members see them all and add or remove their own.
ALTER TABLE app.wall_reactions ENABLE ROW LEVEL SECURITY;
GRANT SELECT, DELETE ON app.wall_reactions TO authenticated;
GRANT INSERT (user_id, post_id, comment_id, kind) ON app.wall_reactions TO authenticated;
DROP POLICY IF EXISTS wall_reactions_read ON app.wall_reactions;
CREATE POLICY wall_reactions_read ON app.wall_reactions FOR SELECT TO authenticated USING (true);
DROP POLICY IF EXISTS wall_reactions_write_own ON app.wall_reactions;
CREATE POLICY wall_reactions_write_own ON app.wall_reactions FOR ALL TO authenticated
    USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- Conversations: only their two members see them (the API creates them after checking who may
-- write to whom).
ALTER TABLE app.conversations ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.conversations TO authenticated;
DROP POLICY IF EXISTS conversations_members ON app.conversations;
CREATE POLICY conversations_members ON app.conversations FOR SELECT TO authenticated
    USING (auth.uid() IN (user_a_id, user_b_id));

-- Messages: sender and recipient read them (a hidden message only its sender); the recipient
-- marks them read. Sending goes through the API (blocks, who may write to whom, rate limits).
ALTER TABLE app.messages ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.messages TO authenticated;
GRANT UPDATE (read_at) ON app.messages TO authenticated;
DROP POLICY IF EXISTS messages_read ON app.messages;
CREATE POLICY messages_read ON app.messages FOR SELECT TO authenticated
    USING (sender_id = auth.uid() OR (recipient_id = auth.uid() AND hidden_at IS NULL));
DROP POLICY IF EXISTS messages_mark_read ON app.messages;
CREATE POLICY messages_mark_read ON app.messages FOR UPDATE TO authenticated
    USING (recipient_id = auth.uid()) WITH CHECK (recipient_id = auth.uid());

-- Blocks: a user manages their own list.
ALTER TABLE app.user_blocks ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON app.user_blocks TO authenticated;
DROP POLICY IF EXISTS user_blocks_own ON app.user_blocks;
CREATE POLICY user_blocks_own ON app.user_blocks FOR ALL TO authenticated
    USING (blocker_id = auth.uid()) WITH CHECK (blocker_id = auth.uid());

-- Reports: a user files reports about content they can see (naming its real author) and reads
-- their own; hiding at the threshold and the admin's review run as the service role.
ALTER TABLE app.content_reports ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.content_reports TO authenticated;
GRANT INSERT (reporter_id, target_type, post_id, comment_id, message_id, target_author_id, reason)
    ON app.content_reports TO authenticated;
DROP POLICY IF EXISTS content_reports_read_own ON app.content_reports;
CREATE POLICY content_reports_read_own ON app.content_reports FOR SELECT TO authenticated
    USING (reporter_id = auth.uid());
DROP POLICY IF EXISTS content_reports_insert_own ON app.content_reports;
CREATE POLICY content_reports_insert_own ON app.content_reports FOR INSERT TO authenticated
    WITH CHECK (
        reporter_id = auth.uid() AND status = 'open'
        AND CASE target_type
            WHEN 'post' THEN EXISTS (SELECT 1 FROM app.wall_posts p
                WHERE p.id = content_reports.post_id AND p.author_id = content_reports.target_author_id)
            WHEN 'comment' THEN EXISTS (SELECT 1 FROM app.wall_comments c
                WHERE c.id = content_reports.comment_id AND c.author_id = content_reports.target_author_id)
            WHEN 'message' THEN EXISTS (SELECT 1 FROM app.messages m
                WHERE m.id = content_reports.message_id AND m.recipient_id = auth.uid()
                  AND m.sender_id = content_reports.target_author_id)
            ELSE false
        END);

-- =============================================================================================
-- Bookings (08_bookings.sql)
-- =============================================================================================

-- Availability: a teacher reads and writes their own rules, weekly hours and exceptions (the
-- table constraints refuse overlapping hours); students see free slots through the API only.
ALTER TABLE app.availability_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.availability_weekly ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.availability_exceptions ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.availability_settings, app.availability_weekly,
    app.availability_exceptions TO authenticated;
DROP POLICY IF EXISTS availability_settings_own ON app.availability_settings;
CREATE POLICY availability_settings_own ON app.availability_settings FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());
DROP POLICY IF EXISTS availability_weekly_own ON app.availability_weekly;
CREATE POLICY availability_weekly_own ON app.availability_weekly FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());
DROP POLICY IF EXISTS availability_exceptions_own ON app.availability_exceptions;
CREATE POLICY availability_exceptions_own ON app.availability_exceptions FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());

-- Bookings: the student and the teacher see theirs. Holds, bookings, cancellations (refunds,
-- credits) and moves go through the API, which checks the slot rules in one transaction.
ALTER TABLE app.bookings ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.bookings TO authenticated;
DROP POLICY IF EXISTS bookings_read_parties ON app.bookings;
CREATE POLICY bookings_read_parties ON app.bookings FOR SELECT TO authenticated
    USING (student_id = auth.uid() OR teacher_id = auth.uid());

-- Session packages: the student and the teacher see them; credits move through the API only.
ALTER TABLE app.session_packages ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.session_packages TO authenticated;
DROP POLICY IF EXISTS session_packages_read ON app.session_packages;
CREATE POLICY session_packages_read ON app.session_packages FOR SELECT TO authenticated
    USING (student_id = auth.uid() OR teacher_id = auth.uid());

-- =============================================================================================
-- Bookings (08_bookings.sql)
-- =============================================================================================

-- A teacher's booking rules, weekly hours and exceptions: their own to read and write; students
-- see free slots through the API, never the rules themselves.
ALTER TABLE app.availability_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.availability_weekly ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.availability_exceptions ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON app.availability_settings, app.availability_weekly, app.availability_exceptions
    TO authenticated;
DROP POLICY IF EXISTS availability_settings_own ON app.availability_settings;
CREATE POLICY availability_settings_own ON app.availability_settings FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());
DROP POLICY IF EXISTS availability_weekly_own ON app.availability_weekly;
CREATE POLICY availability_weekly_own ON app.availability_weekly FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());
DROP POLICY IF EXISTS availability_exceptions_own ON app.availability_exceptions;
CREATE POLICY availability_exceptions_own ON app.availability_exceptions FOR ALL TO authenticated
    USING (teacher_id = auth.uid()) WITH CHECK (teacher_id = auth.uid() AND app.rls_is_teacher());

-- Session packages and bookings: the student and the teacher read theirs; holds, bookings,
-- cancellations, credits and refunds go through the API in one transaction.
ALTER TABLE app.session_packages ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.session_packages TO authenticated;
DROP POLICY IF EXISTS session_packages_read ON app.session_packages;
CREATE POLICY session_packages_read ON app.session_packages FOR SELECT TO authenticated
    USING (student_id = auth.uid() OR teacher_id = auth.uid());

ALTER TABLE app.bookings ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON app.bookings TO authenticated;
DROP POLICY IF EXISTS bookings_read_parties ON app.bookings;
CREATE POLICY bookings_read_parties ON app.bookings FOR SELECT TO authenticated
    USING (student_id = auth.uid() OR teacher_id = auth.uid());
