import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: canonical tables (money as numeric, raw provider payloads as jsonb beside the
 * canonical columns) and the engine's tables (connections, external references, outbox,
 * deliveries, sync cursors, webhook inbox, provider call traces).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE connection (
        id              uuid PRIMARY KEY,
        name            text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        provider        text NOT NULL CHECK (provider IN ('nengmao-brand', 'nengmao-tmall-global', 'nomad-envoy', 'nomad-pilot', 'wms')),
        base_url        text NOT NULL,
        options         jsonb NOT NULL DEFAULT '{}'::jsonb,
        credentials     text NOT NULL,
        enabled         boolean NOT NULL DEFAULT true,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE external_ref (
        id              bigserial PRIMARY KEY,
        entity_type     text NOT NULL CHECK (entity_type IN ('order', 'product', 'sku', 'shipment', 'return', 'price', 'inventory')),
        entity_id       text NOT NULL,
        connection_id   uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        external_id     text NOT NULL,
        kind            text NOT NULL DEFAULT 'primary',
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT external_ref_unique_per_connection UNIQUE (connection_id, entity_type, kind, external_id)
      )`);
    await db.query(`CREATE INDEX external_ref_by_entity ON external_ref (entity_type, entity_id)`);
    await db.query(`CREATE INDEX external_ref_by_external_id ON external_ref (external_id)`);

    await db.query(`
      CREATE TABLE sales_order (
        id                       uuid PRIMARY KEY,
        source_connection_id     uuid REFERENCES connection (id) ON DELETE SET NULL,
        source_connection_name   text NOT NULL,
        external_order_number    text NOT NULL,
        status                   text NOT NULL CHECK (status IN ('received', 'acknowledged', 'forwarded', 'partially_shipped', 'shipped', 'delivered', 'cancellation_requested', 'cancelled', 'cancellation_refused')),
        status_changed_at        timestamptz NOT NULL DEFAULT now(),
        on_hold                  boolean NOT NULL DEFAULT false,
        hold_reason              text,
        hold_since               timestamptz,
        cancellation             jsonb,
        shipment_ids             uuid[] NOT NULL DEFAULT '{}',
        currency                 char(3) NOT NULL,
        items_amount             numeric(18, 4) NOT NULL,
        shipping_amount          numeric(18, 4) NOT NULL DEFAULT 0,
        discount_amount          numeric(18, 4) NOT NULL DEFAULT 0,
        tax_amount               numeric(18, 4) NOT NULL DEFAULT 0,
        total_paid               numeric(18, 4) NOT NULL,
        buyer                    jsonb,
        consignee                jsonb NOT NULL,
        buyer_phone_digest       text,
        consignee_phone_digest   text,
        payment                  jsonb,
        placed_at                timestamptz NOT NULL,
        paid_at                  timestamptz,
        source_updated_at        timestamptz,
        raw                      jsonb,
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sales_order_unique_source UNIQUE (source_connection_name, external_order_number),
        CONSTRAINT sales_order_total_not_negative CHECK (total_paid >= 0)
      )`);
    // Keyset pagination walks (created_at, id) in both directions; filters narrow it.
    await db.query(`CREATE INDEX sales_order_keyset ON sales_order (created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX sales_order_status_keyset ON sales_order (status, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX sales_order_paid_at ON sales_order (paid_at)`);
    await db.query(`CREATE INDEX sales_order_updated_at ON sales_order (updated_at)`);
    await db.query(`CREATE INDEX sales_order_buyer_phone ON sales_order (buyer_phone_digest) WHERE buyer_phone_digest IS NOT NULL`);
    await db.query(
      `CREATE INDEX sales_order_consignee_phone ON sales_order (consignee_phone_digest) WHERE consignee_phone_digest IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE sales_order_line (
        order_id          uuid NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
        line_no           integer NOT NULL CHECK (line_no > 0),
        line_id           text NOT NULL,
        sku               text NOT NULL,
        title             text,
        quantity          integer NOT NULL CHECK (quantity > 0),
        shipped_quantity  integer NOT NULL DEFAULT 0 CHECK (shipped_quantity >= 0),
        unit_price        numeric(18, 4) NOT NULL,
        discount_amount   numeric(18, 4) NOT NULL DEFAULT 0,
        tax_amount        numeric(18, 4) NOT NULL DEFAULT 0,
        sku_ref           jsonb NOT NULL DEFAULT '{}'::jsonb,
        raw               jsonb,
        PRIMARY KEY (order_id, line_no),
        CONSTRAINT sales_order_line_unique_line_id UNIQUE (order_id, line_id),
        CONSTRAINT sales_order_line_shipped_within_quantity CHECK (shipped_quantity <= quantity)
      )`);
    await db.query(`CREATE INDEX sales_order_line_by_sku ON sales_order_line (sku)`);

    await db.query(`
      CREATE TABLE product (
        id            uuid PRIMARY KEY,
        title_zh      text,
        title_en      text,
        brand         text,
        category      text,
        description   text,
        attributes    jsonb NOT NULL DEFAULT '{}'::jsonb,
        raw           jsonb,
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE sku (
        sku              text PRIMARY KEY CHECK (length(sku) BETWEEN 1 AND 128),
        product_id       uuid NOT NULL REFERENCES product (id) ON DELETE CASCADE,
        barcodes         text[] NOT NULL DEFAULT '{}',
        title_zh         text,
        title_en         text,
        weight_kg        numeric(12, 4),
        net_weight_kg    numeric(12, 4),
        length_cm        numeric(10, 2),
        width_cm         numeric(10, 2),
        height_cm        numeric(10, 2),
        hs_code          text,
        origin_country   text,
        customs_unit     text,
        filing_id        text,
        tax_rate         numeric(6, 4) CHECK (tax_rate IS NULL OR (tax_rate >= 0 AND tax_rate <= 1)),
        currency         char(3),
        sale_price       numeric(18, 4),
        market_price     numeric(18, 4),
        item_numbers     jsonb NOT NULL DEFAULT '{}'::jsonb,
        enabled          boolean NOT NULL DEFAULT true,
        raw              jsonb,
        version          integer NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sku_by_product ON sku (product_id)`);
    await db.query(`CREATE INDEX sku_by_barcode ON sku USING gin (barcodes)`);

    await db.query(`
      CREATE TABLE inventory_level (
        sku          text NOT NULL,
        location     text NOT NULL,
        on_hand      integer NOT NULL CHECK (on_hand >= 0),
        reserved     integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        in_flight    integer NOT NULL DEFAULT 0 CHECK (in_flight >= 0),
        as_of        timestamptz NOT NULL,
        raw          jsonb,
        version      integer NOT NULL DEFAULT 1,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, location)
      )`);

    await db.query(`
      CREATE TABLE price (
        sku          text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('sale', 'market', 'promotion', 'cost')),
        -- 'canonical' is Serai's own price; a connection name holds the price that system last
        -- confirmed (for drift reports), so brand and TMALL Global prices of one SKU live side by side.
        scope        text NOT NULL DEFAULT 'canonical',
        amount       numeric(18, 4) NOT NULL CHECK (amount >= 0),
        currency     char(3) NOT NULL,
        as_of        timestamptz NOT NULL,
        raw          jsonb,
        version      integer NOT NULL DEFAULT 1,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku, kind, scope)
      )`);

    await db.query(`
      CREATE TABLE shipment (
        id                    uuid PRIMARY KEY,
        order_id              uuid NOT NULL REFERENCES sales_order (id) ON DELETE CASCADE,
        carrier_code          text NOT NULL,
        tracking_number       text NOT NULL,
        status                text NOT NULL CHECK (status IN ('pending', 'shipped', 'in_transit', 'delivered', 'cancelled')),
        shipped_at            timestamptz,
        source_connection_id  uuid REFERENCES connection (id) ON DELETE SET NULL,
        raw                   jsonb,
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipment_unique_tracking UNIQUE (order_id, carrier_code, tracking_number)
      )`);
    await db.query(`CREATE INDEX shipment_by_tracking ON shipment (tracking_number)`);
    await db.query(`
      CREATE TABLE shipment_line (
        shipment_id  uuid NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
        line_no      integer NOT NULL,
        sku          text NOT NULL,
        quantity     integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (shipment_id, line_no, sku)
      )`);

    await db.query(`
      CREATE TABLE return_request (
        id                       uuid PRIMARY KEY,
        return_number            text NOT NULL,
        order_id                 uuid REFERENCES sales_order (id) ON DELETE SET NULL,
        external_order_number    text,
        source_connection_id     uuid REFERENCES connection (id) ON DELETE SET NULL,
        source_connection_name   text NOT NULL,
        status                   text NOT NULL CHECK (status IN ('requested', 'approved', 'received', 'refunded', 'rejected', 'cancelled')),
        currency                 char(3) NOT NULL,
        refund_amount            numeric(18, 4) NOT NULL DEFAULT 0 CHECK (refund_amount >= 0),
        acknowledged_at          timestamptz,
        raw                      jsonb,
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT return_request_unique_source UNIQUE (source_connection_name, return_number)
      )`);
    await db.query(`
      CREATE TABLE return_line (
        return_id      uuid NOT NULL REFERENCES return_request (id) ON DELETE CASCADE,
        line_no        integer NOT NULL CHECK (line_no > 0),
        sku            text NOT NULL,
        quantity       integer NOT NULL CHECK (quantity > 0),
        refund_amount  numeric(18, 4) NOT NULL DEFAULT 0,
        PRIMARY KEY (return_id, line_no)
      )`);

    // The outbox: written in the transaction of the change it records; the dispatcher turns each
    // row into deliveries and stamps dispatched_at.
    await db.query(`
      CREATE TABLE outbox_event (
        position        bigserial PRIMARY KEY,
        event_id        uuid NOT NULL UNIQUE,
        event_type      text NOT NULL,
        aggregate_type  text NOT NULL,
        aggregate_id    text NOT NULL,
        -- The connection the aggregate came from (an order's marketplace), for routes that filter on it.
        source_connection text,
        payload         jsonb NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        dispatched_at   timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_event_undispatched ON outbox_event (position) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX outbox_event_by_aggregate ON outbox_event (aggregate_type, aggregate_id, position)`);

    await db.query(`
      CREATE TABLE delivery (
        id                bigserial PRIMARY KEY,
        event_id          uuid NOT NULL REFERENCES outbox_event (event_id) ON DELETE CASCADE,
        route             text NOT NULL,
        connection_id     uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        capability        text NOT NULL,
        idempotency_key   text NOT NULL UNIQUE,
        state             text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'succeeded', 'failed', 'dead', 'cancelled')),
        attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        locked_by         text,
        locked_until      timestamptz,
        last_error        text,
        last_error_code   text,
        result            jsonb,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        completed_at      timestamptz,
        CONSTRAINT delivery_one_per_event_target UNIQUE (event_id, connection_id, capability)
      )`);
    await db.query(`CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('pending', 'failed')`);
    await db.query(`CREATE INDEX delivery_by_state ON delivery (state, updated_at)`);
    await db.query(`CREATE INDEX delivery_by_connection ON delivery (connection_id, state)`);

    await db.query(`
      CREATE TABLE sync_cursor (
        connection_id    uuid NOT NULL REFERENCES connection (id) ON DELETE CASCADE,
        stream           text NOT NULL,
        position         jsonb NOT NULL DEFAULT '{}'::jsonb,
        lease_owner      text,
        lease_until      timestamptz,
        last_run_at      timestamptz,
        last_success_at  timestamptz,
        last_error       text,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, stream)
      )`);

    await db.query(`
      CREATE TABLE webhook_inbox (
        id              bigserial PRIMARY KEY,
        store           text NOT NULL,
        connection_id   uuid REFERENCES connection (id) ON DELETE SET NULL,
        dedupe_key      text NOT NULL,
        content_type    text,
        body_format     text NOT NULL CHECK (body_format IN ('xml', 'json')),
        headers         jsonb NOT NULL DEFAULT '{}'::jsonb,
        body            text NOT NULL,
        source_address  text,
        state           text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'processing', 'processed', 'waiting_for_order', 'failed')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        received_at     timestamptz NOT NULL DEFAULT now(),
        processed_at    timestamptz,
        CONSTRAINT webhook_inbox_dedupe UNIQUE (store, dedupe_key)
      )`);
    await db.query(
      `CREATE INDEX webhook_inbox_pending ON webhook_inbox (received_at) WHERE state IN ('received', 'waiting_for_order', 'failed')`,
    );

    await db.query(`
      CREATE TABLE provider_call (
        id               bigserial PRIMARY KEY,
        connection_id    uuid REFERENCES connection (id) ON DELETE SET NULL,
        provider         text NOT NULL,
        operation        text NOT NULL,
        method           text NOT NULL,
        url              text NOT NULL,
        attempt          integer NOT NULL DEFAULT 1,
        http_status      integer,
        provider_code    text,
        outcome          text NOT NULL CHECK (outcome IN ('success', 'provider_error', 'transport_error', 'timeout', 'invalid_response')),
        latency_ms       integer NOT NULL,
        request_body     jsonb,
        response_body    jsonb,
        error            text,
        delivery_id      bigint REFERENCES delivery (id) ON DELETE SET NULL,
        entity_type      text,
        entity_id        text,
        correlation_id   text,
        started_at       timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX provider_call_by_entity ON provider_call (entity_type, entity_id, started_at)`);
    await db.query(`CREATE INDEX provider_call_by_delivery ON provider_call (delivery_id)`);
    await db.query(`CREATE INDEX provider_call_by_time ON provider_call (started_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'provider_call',
      'webhook_inbox',
      'sync_cursor',
      'delivery',
      'outbox_event',
      'return_line',
      'return_request',
      'shipment_line',
      'shipment',
      'price',
      'inventory_level',
      'sku',
      'product',
      'sales_order_line',
      'sales_order',
      'external_ref',
      'connection',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
