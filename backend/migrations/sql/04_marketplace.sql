-- 04_marketplace.sql: what the marketplace adds to the core tables: checkout attempts and their
-- expiry on orders, provider details on payments, refunds asked of the provider, and the inbox
-- of provider events (webhooks), each stored once by its event id.

-- ---------------------------------------------------------------------------------------------
-- Orders: the checkout in progress. checkout_attempt counts checkout sessions started for the
-- order (it is part of the provider's idempotency key); checkout_reserved_at is when the current
-- attempt began; checkout_expires_at is how long a pending order holds its price (and, for
-- bookings, its slot). payment_method is what the buyer paid with, for the receipt.
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS checkout_attempt integer NOT NULL DEFAULT 0;
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS checkout_reserved_at timestamptz;
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS checkout_expires_at timestamptz;
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS payment_method text NOT NULL DEFAULT '';
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS fulfilled_at timestamptz;
ALTER TABLE app.service_orders ADD COLUMN IF NOT EXISTS refunded_at timestamptz;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_orders_checkout_attempt_check') THEN
        ALTER TABLE app.service_orders ADD CONSTRAINT service_orders_checkout_attempt_check
            CHECK (checkout_attempt >= 0);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_orders_payment_method_check') THEN
        ALTER TABLE app.service_orders ADD CONSTRAINT service_orders_payment_method_check
            CHECK (length(payment_method) <= 40);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'service_orders_paid_at_check') THEN
        ALTER TABLE app.service_orders ADD CONSTRAINT service_orders_paid_at_check
            CHECK (status NOT IN ('paid', 'fulfilled', 'refunded', 'partially_refunded')
                   OR paid_at IS NOT NULL);
    END IF;
END;
$$;
-- Statements list a teacher's paid orders by month.
CREATE INDEX IF NOT EXISTS service_orders_seller_paid_idx ON app.service_orders (seller_id, paid_at)
    WHERE paid_at IS NOT NULL;
-- has_paid_order_between(buyer, seller) for messaging permissions.
CREATE INDEX IF NOT EXISTS service_orders_buyer_seller_idx ON app.service_orders (buyer_id, seller_id)
    WHERE paid_at IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Payments: one row per checkout attempt (order_id, attempt). platform_fee_cents is the
-- application fee of a destination charge (0 without a connected account).
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS attempt integer NOT NULL DEFAULT 1;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS checkout_url text;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS expires_at timestamptz;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS platform_fee_cents integer NOT NULL DEFAULT 0;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS destination_account text;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS payment_method text;
ALTER TABLE app.payments ADD COLUMN IF NOT EXISTS paid_at timestamptz;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'payments_attempt_check') THEN
        ALTER TABLE app.payments ADD CONSTRAINT payments_attempt_check CHECK (attempt >= 1);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'payments_platform_fee_check') THEN
        ALTER TABLE app.payments ADD CONSTRAINT payments_platform_fee_check
            CHECK (platform_fee_cents >= 0 AND platform_fee_cents <= amount_cents);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'payments_order_attempt_key') THEN
        ALTER TABLE app.payments ADD CONSTRAINT payments_order_attempt_key UNIQUE (order_id, attempt);
    END IF;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- Refunds asked of the provider (by a seller, an admin, or another domain such as a canceled
-- seminar). sequence numbers an order's refunds and makes the provider's idempotency key; the
-- provider's charge.refunded event confirms the order's new status.
CREATE TABLE IF NOT EXISTS app.refunds (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id     uuid NOT NULL REFERENCES app.service_orders (id) ON DELETE RESTRICT,
    payment_id   uuid NOT NULL REFERENCES app.payments (id) ON DELETE RESTRICT,
    buyer_id     uuid NOT NULL REFERENCES app.profiles (user_id) ON DELETE RESTRICT,
    requested_by uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    sequence     integer NOT NULL CHECK (sequence >= 1),
    amount_cents integer NOT NULL CHECK (amount_cents > 0),
    currency     text NOT NULL DEFAULT 'SEK' CHECK (currency ~ '^[A-Z]{3}$'),
    provider_ref text CHECK (length(provider_ref) BETWEEN 1 AND 255),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason       text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refunds_order_sequence_key UNIQUE (order_id, sequence)
);
CREATE INDEX IF NOT EXISTS refunds_payment_idx ON app.refunds (payment_id);
CREATE INDEX IF NOT EXISTS refunds_buyer_idx ON app.refunds (buyer_id);
CREATE INDEX IF NOT EXISTS refunds_requested_by_idx ON app.refunds (requested_by);
CREATE UNIQUE INDEX IF NOT EXISTS refunds_provider_ref_key ON app.refunds (provider_ref)
    WHERE provider_ref IS NOT NULL;
CREATE OR REPLACE TRIGGER refunds_set_updated_at BEFORE UPDATE ON app.refunds
    FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
-- RLS (Supabase): ALTER TABLE app.refunds ENABLE ROW LEVEL SECURITY;
--   CREATE POLICY refunds_read_parties ON app.refunds FOR SELECT TO authenticated
--     USING (buyer_id = auth.uid() OR EXISTS (SELECT 1 FROM app.service_orders o
--            WHERE o.id = refunds.order_id AND o.seller_id = auth.uid()));
--   (written only by the service role)

-- ---------------------------------------------------------------------------------------------
-- The inbox of payment provider events: every verified webhook is stored once by its event id
-- (INSERT .. ON CONFLICT DO NOTHING), so a duplicate delivery is seen and acted on only once.
-- outcome: received (being handled), processed (acted on), ignored (a type we do not handle),
-- unmatched (no such order or account here: kept for a later look).
CREATE TABLE IF NOT EXISTS app.stripe_events (
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
    provider     text NOT NULL DEFAULT 'stripe' CHECK (provider IN ('stripe', 'dummy')),
    type         text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    livemode     boolean NOT NULL DEFAULT false,
    event_created timestamptz,
    payload      jsonb NOT NULL,
    outcome      text NOT NULL DEFAULT 'received'
                 CHECK (outcome IN ('received', 'processed', 'ignored', 'unmatched')),
    detail       text NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
    order_id     uuid REFERENCES app.service_orders (id) ON DELETE SET NULL,
    user_id      uuid REFERENCES app.profiles (user_id) ON DELETE SET NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS stripe_events_order_idx ON app.stripe_events (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS stripe_events_user_idx ON app.stripe_events (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS stripe_events_unmatched_idx ON app.stripe_events (received_at)
    WHERE outcome = 'unmatched';
-- RLS (Supabase): ALTER TABLE app.stripe_events ENABLE ROW LEVEL SECURITY;
--   (no policy for anon/authenticated: only the service role reads and writes the inbox)

-- ---------------------------------------------------------------------------------------------
-- Reviews: a buyer reviews a service once, whatever the number of orders.
CREATE UNIQUE INDEX IF NOT EXISTS service_reviews_service_author_key
    ON app.service_reviews (service_id, author_id);
-- Services: the teacher's own list filtered by status.
CREATE INDEX IF NOT EXISTS services_teacher_status_idx
    ON app.services (teacher_id, status, created_at DESC, id DESC);
