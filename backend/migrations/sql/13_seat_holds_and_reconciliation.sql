-- 13_seat_holds_and_reconciliation.sql: seats held by checkouts in progress, payments whose
-- amount or currency differs from their order (kept for an admin, never fulfilled), and the
-- mark that reconciliation has read an event from the provider's own list.
-- Idempotent like every migration: IF NOT EXISTS everywhere; constraints are replaced only when
-- they still have their old definition.

-- ---------------------------------------------------------------------------------------------
-- Seminar seats held by a pending order (status 'held' until hold_expires_at, the order's
-- checkout expiry, which follows an extended checkout), so a full seminar is refused before
-- anyone pays. A hold becomes the seat ('seated') when the order is paid, or 'released' when
-- the order is canceled, its checkout expires, or its time passes (the seminar job's sweep).
-- Holds are counted under the seminar's row lock, like seats.
ALTER TABLE app.seminar_attendees ADD COLUMN IF NOT EXISTS hold_expires_at timestamptz;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'app.seminar_attendees'::regclass
                     AND conname = 'seminar_attendees_status_check'
                     AND pg_get_constraintdef(oid) LIKE '%held%') THEN
        ALTER TABLE app.seminar_attendees DROP CONSTRAINT IF EXISTS seminar_attendees_status_check;
        ALTER TABLE app.seminar_attendees ADD CONSTRAINT seminar_attendees_status_check
            CHECK (status IN ('seated', 'canceled', 'held', 'released'));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'seminar_attendees_hold_check') THEN
        ALTER TABLE app.seminar_attendees ADD CONSTRAINT seminar_attendees_hold_check
            CHECK (status <> 'held' OR (hold_expires_at IS NOT NULL AND order_id IS NOT NULL));
    END IF;
END;
$$;
CREATE INDEX IF NOT EXISTS seminar_attendees_held_idx
    ON app.seminar_attendees (seminar_id, hold_expires_at) WHERE status = 'held';
CREATE INDEX IF NOT EXISTS seminar_attendees_hold_expiry_idx
    ON app.seminar_attendees (hold_expires_at) WHERE status = 'held';

-- ---------------------------------------------------------------------------------------------
-- A payment whose amount or currency differs from its order: the payment is 'mismatched' (what
-- arrived is in its meta), the order stays unpaid with payment_issue saying what happened, and
-- an admin decides (audit log entry payment.amount_mismatch; GET /admin/orders?flagged=true).
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS payment_issue text;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_orders_payment_issue_check') THEN
        ALTER TABLE app.service_orders ADD CONSTRAINT service_orders_payment_issue_check
            CHECK (length(payment_issue) BETWEEN 1 AND 500);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = 'app.payments'::regclass
                     AND conname = 'payments_status_check'
                     AND pg_get_constraintdef(oid) LIKE '%mismatched%') THEN
        ALTER TABLE app.payments DROP CONSTRAINT IF EXISTS payments_status_check;
        ALTER TABLE app.payments ADD CONSTRAINT payments_status_check CHECK (status IN (
            'pending', 'processing', 'succeeded', 'failed', 'expired', 'refunded',
            'partially_refunded', 'mismatched'));
    END IF;
END;
$$;
CREATE INDEX IF NOT EXISTS service_orders_payment_issue_idx
    ON app.service_orders (created_at DESC, id DESC) WHERE payment_issue IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Reconciliation (app/payments/reconcile.py) asks the provider for the checkouts still pending
-- past their expiry, and for the events since the newest one it has read from the provider's
-- list (reconciled_at), so a webhook that never arrived is applied through the same inbox.
ALTER TABLE app.stripe_events ADD COLUMN IF NOT EXISTS reconciled_at timestamptz;
CREATE INDEX IF NOT EXISTS stripe_events_created_idx
    ON app.stripe_events (provider, event_created DESC);
CREATE INDEX IF NOT EXISTS stripe_events_reconciled_idx
    ON app.stripe_events (provider, event_created DESC) WHERE reconciled_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_pending_expiry_idx
    ON app.payments (expires_at) WHERE status = 'pending';
