/**
 * The one shared data layer. Conventions (see docs/STYLE.md):
 * - money is integer won;
 * - instants are integer epoch milliseconds (`*_at`);
 * - calendar dates are `YYYY-MM-DD` text in the shop's time zone (`*_date`);
 * - JSON columns hold small, self-describing snapshots (options chosen, questions asked).
 */
import { sql } from "drizzle-orm";
import { index, integer, type AnySQLiteColumn, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** 현장 결제 / 선결제 선택 / 선결제 필수. */
export const PAYMENT_POLICIES = ["at_pickup", "optional", "required"] as const;
export type PaymentPolicy = (typeof PAYMENT_POLICIES)[number];

// ---------------------------------------------------------------- shop

/** Exactly one row (id = 1): the shop and its pickup rules. */
export const shopSettings = sqliteTable("shop_settings", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  phone: text("phone"),
  address: text("address"),
  /** Opening hours as the shop writes them, one line a day or range ("화–토 10:00–19:00"). */
  openingHours: text("opening_hours"),
  timezone: text("timezone").notNull().default("Asia/Seoul"),
  /** Ordering for a pickup date opens this many days before it, at `opensTime`. */
  opensDaysBefore: integer("opens_days_before").notNull().default(1),
  opensTime: text("opens_time").notNull().default("18:00"),
  /** `day_before`: closes `cutoffDaysBefore` days before at `cutoffTime`; `hours_before_slot`: each slot closes N hours before it starts. */
  cutoffMode: text("cutoff_mode", { enum: ["day_before", "hours_before_slot"] })
    .notNull()
    .default("day_before"),
  cutoffDaysBefore: integer("cutoff_days_before").notNull().default(1),
  cutoffTime: text("cutoff_time").notNull().default("21:00"),
  cutoffHoursBefore: integer("cutoff_hours_before").notNull().default(2),
  /** How many days ahead the storefront lists. */
  daysAhead: integer("days_ahead").notNull().default(7),
  /** Weekdays the shop is closed, 0 = Sunday … 6 = Saturday, as a JSON array. */
  closedWeekdays: text("closed_weekdays", { mode: "json" }).$type<number[]>().notNull().default([]),
  maxItemsPerOrder: integer("max_items_per_order").notNull().default(30),
  /** Points earned per purchase in basis points of the total (100 = 1 %), rounded down. */
  pointsRateBp: integer("points_rate_bp").notNull().default(100),
  /** Rack layout: rows are letters, columns numbers, e.g. "ABC" × 8 → A1…C8. */
  rackRows: text("rack_rows").notNull().default("ABC"),
  rackColumns: integer("rack_columns").notNull().default(8),
  /** "도착했어요" opens this many minutes before the pickup slot starts. */
  checkInOpensMinutes: integer("check_in_opens_minutes").notNull().default(15),
  /** When pickup reminders go out: the evening before (18:00), an hour before the slot, both, or never. */
  reminderTiming: text("reminder_timing", { enum: ["evening_before", "hour_before", "both", "off"] })
    .notNull()
    .default("evening_before"),
  /** Minutes a returned loaf is held for each restock-alert waiter told about it; 0 = off (everyone told races). */
  restockHoldMinutes: integer("restock_hold_minutes").notNull().default(0),
  /** How orders are paid unless a product says otherwise: at pickup, prepayment optional, or prepayment required. */
  paymentPolicy: text("payment_policy", { enum: PAYMENT_POLICIES }).notNull().default("at_pickup"),
  /** Minutes an order awaiting prepayment holds its stock and slot place. */
  paymentHoldMinutes: integer("payment_hold_minutes").notNull().default(10),
  /** Percent of a prepayment the shop keeps on a no-show or a cancel after the cut-off (0 none … 100 all). */
  prepaidKeepPercent: integer("prepaid_keep_percent").notNull().default(100),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});
export type ShopSettings = typeof shopSettings.$inferSelect;
export type NewShopSettings = typeof shopSettings.$inferInsert;

/** Dates the shop is closed besides its weekly closed days. */
export const closedDates = sqliteTable("closed_dates", {
  date: text("date").primaryKey(),
  reason: text("reason"),
});
export type ClosedDate = typeof closedDates.$inferSelect;

/** Consent wording, versioned: a consent record points at the exact text the person agreed to. */
export const consentTexts = sqliteTable(
  "consent_texts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `marketing_night`: the separate consent to advertising between 21:00 and 08:00 (정보통신망법 제50조). */
    kind: text("kind", { enum: ["privacy", "marketing", "marketing_night", "consultation"] }).notNull(),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("consent_texts_kind_version").on(t.kind, t.version)],
);
export type ConsentText = typeof consentTexts.$inferSelect;

// ---------------------------------------------------------------- people

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["owner", "staff"] }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull().default(now),
});
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * One row per sign-in. The session cookie carries only the row id; every request checks the
 * row, so signing out, deactivating the account or a password reset ends the session at once.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
    lastSeenAt: integer("last_seen_at").notNull().default(now),
    revokedAt: integer("revoked_at"),
    /** Why it ended: signed_out, deactivated, password_reset. */
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

export const apiKeys = sqliteTable("api_keys", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** First characters of the key, shown in lists so an owner can tell keys apart. */
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  scope: text("scope", { enum: ["owner", "staff"] })
    .notNull()
    .default("owner"),
  createdAt: integer("created_at").notNull().default(now),
  lastUsedAt: integer("last_used_at"),
  revokedAt: integer("revoked_at"),
});
export type ApiKey = typeof apiKeys.$inferSelect;

/** One record per person, whatever the channel, identified by a normalised phone number. */
export const customers = sqliteTable("customers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Normalised `01012345678`; null once the customer asked to be deleted. */
  phone: text("phone").unique(),
  name: text("name"),
  /** Opens the customer's private page ("내 정보"). */
  token: text("token").notNull().unique(),
  /** The loyalty tier the customer holds now (lib/loyalty/tiers.ts recomputes it); null: none reached. */
  tierId: integer("tier_id").references((): AnySQLiteColumn => tiers.id),
  /** Birthday, month and day only (`MM-DD`, no year); null: not given. Set by staff on the card or by the customer on `/me`. */
  birthday: text("birthday"),
  // Marketing consent is not stored here: the latest `consents` row of kind `marketing`
  // decides it (lib/customers/consent.ts, marketingConsent).
  createdAt: integer("created_at").notNull().default(now),
  deletedAt: integer("deleted_at"),
});
export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

export const consents = sqliteTable(
  "consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    consentTextId: integer("consent_text_id")
      .notNull()
      .references(() => consentTexts.id),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    /** Where it was given: `storefront`, `consultation`, `phone`, `api`, `my_page`. */
    source: text("source").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("consents_customer").on(t.customerId)],
);
export type Consent = typeof consents.$inferSelect;

// ---------------------------------------------------------------- catalogue and plan

export const products = sqliteTable("products", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  price: integer("price").notNull(),
  category: text("category").notNull().default(""),
  /** Most of this product one order may hold. */
  maxPerOrder: integer("max_per_order").notNull().default(10),
  /**
   * Optional minimum notice, at most one of the two: order at least this many hours before
   * the slot starts, or by this shop-local time (`HH:MM`) the day before the pickup date.
   */
  minNoticeHours: integer("min_notice_hours"),
  minNoticeDayBeforeTime: text("min_notice_day_before_time"),
  /** The product photo's version key (files under `<data>/photos/`), null without a photo. */
  photoKey: text("photo_key"),
  /** This product's payment policy; null follows the shop's. */
  paymentPolicy: text("payment_policy", { enum: PAYMENT_POLICIES }),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;

export const productOptionGroups = sqliteTable(
  "product_option_groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** A required group needs exactly one choice. */
    required: integer("required", { mode: "boolean" }).notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("option_groups_product").on(t.productId)],
);
export type ProductOptionGroup = typeof productOptionGroups.$inferSelect;

export const productOptionChoices = sqliteTable(
  "product_option_choices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    groupId: integer("group_id")
      .notNull()
      .references(() => productOptionGroups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    priceDelta: integer("price_delta").notNull().default(0),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("option_choices_group").on(t.groupId)],
);
export type ProductOptionChoice = typeof productOptionChoices.$inferSelect;

/** The daily production plan: how many of a product will be made for a pickup date. */
export const dailyPlans = sqliteTable(
  "daily_plans",
  {
    date: text("date").notNull(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    planned: integer("planned").notNull(),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.date, t.productId] })],
);
export type DailyPlan = typeof dailyPlans.$inferSelect;

/** Weekly pickup windows with an order capacity. */
export const pickupSlots = sqliteTable(
  "pickup_slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    /** How many orders may be picked up in this window. */
    capacity: integer("capacity").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("pickup_slots_weekday").on(t.weekday, t.startTime)],
);
export type PickupSlot = typeof pickupSlots.$inferSelect;

// ---------------------------------------------------------------- orders

/**
 * `awaiting_payment`: placed for prepayment, holding its stock and slot place until `hold_until`;
 * `expired`: that hold ran out unpaid (never a purchase, never a cancellation).
 */
export const ORDER_STATUSES = ["awaiting_payment", "placed", "ready", "arrived", "picked_up", "no_show", "cancelled", "expired"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_CHANNELS = ["web", "phone"] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export type PurchaseChannel = OrderChannel | "store";
/** How an order was paid: at the counter 카드 / 현금 / 계좌이체, or `online` (prepaid through the payment provider). */
export const PAYMENT_METHODS = ["card", "cash", "transfer", "online"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Unguessable: opens the customer's order page. */
    token: text("token").notNull().unique(),
    /** Short code said at the counter, unique within its pickup date. */
    code: text("code").notNull(),
    channel: text("channel", { enum: ORDER_CHANNELS }).notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("placed"),
    customerId: integer("customer_id").references(() => customers.id),
    /**
     * The name typed on this order. The customer's own pages show this, never the stored
     * customer's name: anyone can type a phone number (null for orders from before it was kept).
     */
    customerName: text("customer_name"),
    pickupDate: text("pickup_date").notNull(),
    slotStart: text("slot_start").notNull(),
    slotEnd: text("slot_end").notNull(),
    paymentStatus: text("payment_status", { enum: ["unpaid", "paid"] })
      .notNull()
      .default("unpaid"),
    /** How it was paid, once paid at the counter (null: unpaid, or paid before methods were recorded). */
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }),
    subtotal: integer("subtotal").notNull(),
    /** Coupon discount in won (lib/coupons): `total = subtotal − discount`. */
    discount: integer("discount").notNull().default(0),
    total: integer("total").notNull(),
    note: text("note").notNull().default(""),
    /** Rack slot label (A1…) while the bag is on the rack. */
    rackSlot: text("rack_slot"),
    pointsEarned: integer("points_earned").notNull().default(0),
    idempotencyKey: text("idempotency_key").unique(),
    /** Hash of the request body that came with the idempotency key. */
    requestHash: text("request_hash"),
    /** Id in another system (imports). */
    externalId: text("external_id").unique(),
    placedAt: integer("placed_at").notNull(),
    readyAt: integer("ready_at"),
    arrivedAt: integer("arrived_at"),
    pickedUpAt: integer("picked_up_at"),
    noShowAt: integer("no_show_at"),
    cancelledAt: integer("cancelled_at"),
    cancelReason: text("cancel_reason"),
    /** While `awaiting_payment`: when the hold on stock and slot ends. */
    holdUntil: integer("hold_until"),
    /** The order id sent to the payment provider (prepaid orders only). */
    paymentOrderId: text("payment_order_id").unique(),
    /** The provider's key of the payment that paid this order. */
    paymentKey: text("payment_key"),
    /** Paid online in advance (won). */
    prepaidAmount: integer("prepaid_amount").notNull().default(0),
    /** What the shop owes back of the prepayment (decided when the order is cancelled or a no-show; won). */
    refundOwed: integer("refund_owed").notNull().default(0),
    /** Refunded of the prepayment so far (won). */
    refundedAmount: integer("refunded_amount").notNull().default(0),
    /** The language of the page the order was placed on; messages about it use the same. */
    locale: text("locale", { enum: ["ko", "en"] })
      .notNull()
      .default("ko"),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [
    uniqueIndex("orders_date_code").on(t.pickupDate, t.code),
    // Metrics: pre-order outcomes by pickup date, split by prepayment, from the index alone.
    index("orders_date_status").on(t.pickupDate, t.status, t.prepaidAmount),
    index("orders_customer").on(t.customerId),
    index("orders_picked_up_at").on(t.pickedUpAt),
    // Metrics: a customer's latest purchase before a date (repurchase cycle) without a table scan.
    index("orders_customer_picked_up")
      .on(t.customerId, t.pickedUpAt)
      .where(sql`status = 'picked_up'`),
    // Metrics: purchases in a time range read from the index alone (no row look-ups).
    index("orders_purchases")
      .on(t.pickedUpAt, t.customerId, t.channel, t.total, t.pointsEarned, t.arrivedAt, t.pickupDate, t.slotStart)
      .where(sql`status = 'picked_up'`),
    // Two bags can never sit on one rack slot on the same day.
    uniqueIndex("orders_date_rack_slot")
      .on(t.pickupDate, t.rackSlot)
      .where(sql`rack_slot is not null and status in ('ready', 'arrived')`),
  ],
);
export type Order = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

export type ChosenOption = { group: string; choice: string; priceDelta: number };

export const orderItems = sqliteTable(
  "order_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** Snapshots, so a later price or name change never rewrites history. */
    productName: text("product_name").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    options: text("options", { mode: "json" }).$type<ChosenOption[]>().notNull().default([]),
    lineTotal: integer("line_total").notNull(),
  },
  (t) => [index("order_items_order").on(t.orderId), index("order_items_product").on(t.productId)],
);
export type OrderItem = typeof orderItems.$inferSelect;
export type NewOrderItem = typeof orderItems.$inferInsert;

export const ORDER_EVENT_KINDS = ["status_change", "rack_slot_assigned", "undo", "payment", "edit", "refund"] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

/**
 * The audit trail, append-only: every change of an order with its time and who made it.
 * `kind` says what changed; `to_status` is the order's status after the change (unchanged
 * for a rack-slot, payment or edit change), so the last event always matches the order. An
 * `edit` (date, slot, items changed) says what changed in `note`.
 */
export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ORDER_EVENT_KINDS }).notNull().default("status_change"),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    /** The rack slot this change put the bag on (null: none, or the change did not touch the rack). */
    rackSlot: text("rack_slot"),
    /** The rack slot this change took the bag off (picked up, no-show, moved, undone). */
    fromRackSlot: text("from_rack_slot"),
    /** An `undo` names the event it takes back. */
    reversesEventId: integer("reverses_event_id").references((): AnySQLiteColumn => orderEvents.id),
    /** A `payment` event's new payment status. */
    paymentStatus: text("payment_status", { enum: ["unpaid", "paid"] }),
    /** A `payment` event's method when it was paid. */
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }),
    /** An online `payment` or a `refund`: the amount (won). */
    amount: integer("amount"),
    /** An online `payment` or a `refund`: the provider's payment key. */
    paymentKey: text("payment_key"),
    /** An online `payment`: the provider's own name of the method (e.g. 카드, 간편결제). */
    providerMethod: text("provider_method"),
    /** An online `payment`: when the provider approved it (a `refund`: when it was cancelled). */
    approvedAt: integer("approved_at"),
    /** `user` (staff/owner), `customer`, `api`, `system`. */
    actorType: text("actor_type", { enum: ["user", "customer", "api", "system"] }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    note: text("note"),
    at: integer("at").notNull(),
  },
  (t) => [index("order_events_order").on(t.orderId), index("order_events_at").on(t.at)],
);
export type OrderEvent = typeof orderEvents.$inferSelect;

// ---------------------------------------------------------------- counter sales

/** A sale at the counter (channel `store`): staff quick sale, POS API or import. */
export const storeSales = sqliteTable(
  "store_sales",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    externalId: text("external_id").unique(),
    occurredAt: integer("occurred_at").notNull(),
    /** Shop-local date of `occurredAt`: the day whose stock it took. */
    saleDate: text("sale_date").notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    total: integer("total").notNull(),
    /** Coupon discount in won (lib/coupons), already taken off `total`. */
    discount: integer("discount").notNull().default(0),
    pointsEarned: integer("points_earned").notNull().default(0),
    source: text("source", { enum: ["counter", "api", "import"] }).notNull(),
    requestHash: text("request_hash"),
    /** Unguessable: opens the customer's receipt page `/r/<token>` (its QR is printed on the receipt). */
    receiptToken: text("receipt_token"),
    /** When a customer claimed this sale from its receipt (null: linked at the counter, or not claimed). */
    claimedAt: integer("claimed_at"),
    /** Whether the claim was proven by a one-time code sent to the phone (false: typed only). */
    claimConfirmed: integer("claim_confirmed", { mode: "boolean" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("store_sales_receipt_token").on(t.receiptToken),
    index("store_sales_date").on(t.saleDate),
    index("store_sales_customer_occurred_at").on(t.customerId, t.occurredAt),
    index("store_sales_purchases").on(t.occurredAt, t.customerId, t.total, t.pointsEarned, t.claimedAt),
  ],
);
export type StoreSale = typeof storeSales.$inferSelect;

export const storeSaleItems = sqliteTable(
  "store_sale_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    saleId: integer("sale_id")
      .notNull()
      .references(() => storeSales.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    productName: text("product_name").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    /**
     * Stock discrepancy: units of this line sold beyond what the day's plan had left. The sale
     * stands (the goods were in the customer's hand); the plan was short by this many.
     */
    excess: integer("excess").notNull().default(0),
  },
  (t) => [
    index("store_sale_items_sale").on(t.saleId),
    index("store_sale_items_product").on(t.productId),
    // Stock accuracy: the few lines that sold beyond the stock, without reading every sale of a range.
    index("store_sale_items_excess")
      .on(t.saleId)
      .where(sql`excess > 0`),
  ],
);
export type StoreSaleItem = typeof storeSaleItems.$inferSelect;

// ---------------------------------------------------------------- points, reviews, inquiries

export const pointsLedger = sqliteTable(
  "points_ledger",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    /** Positive when earned, negative when redeemed or reversed. */
    delta: integer("delta").notNull(),
    /** Append-only: a credit taken back is a `reverse` entry naming it, never a deletion. */
    /** `return`: points of returned items taken back (source: the return). */
    reason: text("reason", { enum: ["earn", "redeem", "adjust", "reverse", "return"] }).notNull(),
    sourceType: text("source_type", { enum: ["order", "sale", "manual", "return"] }).notNull(),
    sourceId: integer("source_id"),
    /** Which credit of this purchase an `earn` is: 0, then 1 after an undone hand-over was credited again. */
    earnRound: integer("earn_round").notNull().default(0),
    /** The points rate (basis points) this entry was computed with: an `earn`'s policy, kept when rates change. */
    rateBp: integer("rate_bp"),
    /** A `reverse` entry names the entry it takes back (at most once). */
    reversesId: integer("reverses_id").references((): AnySQLiteColumn => pointsLedger.id),
    /** A redemption form's one-time key: a double submit or a retry spends once. */
    requestKey: text("request_key").unique(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("points_ledger_customer").on(t.customerId),
    // A purchase earns once per round; a reversal opens the next round.
    uniqueIndex("points_ledger_earn_once")
      .on(t.sourceType, t.sourceId, t.earnRound)
      .where(sql`reason = 'earn'`),
    uniqueIndex("points_ledger_reverse_once").on(t.reversesId),
  ],
);
export type PointsEntry = typeof pointsLedger.$inferSelect;

export const reviews = sqliteTable("reviews", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  orderId: integer("order_id")
    .notNull()
    .unique()
    .references(() => orders.id),
  rating: integer("rating").notNull(),
  comment: text("comment").notNull().default(""),
  createdAt: integer("created_at").notNull().default(now),
});
export type Review = typeof reviews.$inferSelect;

export const inquiries = sqliteTable(
  "inquiries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id").references(() => customers.id),
    message: text("message").notNull(),
    createdAt: integer("created_at").notNull(),
    firstReplyAt: integer("first_reply_at"),
  },
  (t) => [index("inquiries_created").on(t.createdAt), index("inquiries_customer").on(t.customerId)],
);
export type Inquiry = typeof inquiries.$inferSelect;

export const inquiryReplies = sqliteTable(
  "inquiry_replies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    inquiryId: integer("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("inquiry_replies_inquiry").on(t.inquiryId)],
);
export type InquiryReply = typeof inquiryReplies.$inferSelect;

// ---------------------------------------------------------------- consultations

export const consultationTemplates = sqliteTable("consultation_templates", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull().default(now),
});
export type ConsultationTemplate = typeof consultationTemplates.$inferSelect;

/** Questions are frozen per version; editing a template that has answers makes a new version. */
export const consultationTemplateVersions = sqliteTable(
  "consultation_template_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => consultationTemplates.id),
    version: integer("version").notNull(),
    questions: text("questions", { mode: "json" }).$type<unknown[]>().notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [uniqueIndex("template_versions_template_version").on(t.templateId, t.version)],
);
export type ConsultationTemplateVersion = typeof consultationTemplateVersions.$inferSelect;

export const consultationSubmissions = sqliteTable(
  "consultation_submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateVersionId: integer("template_version_id")
      .notNull()
      .references(() => consultationTemplateVersions.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    consentTextId: integer("consent_text_id").references(() => consentTexts.id),
    submittedAt: integer("submitted_at").notNull(),
    /**
     * False when the form named an existing customer's phone without their private link: a
     * claim, not a proof. Shown as not confirmed on the card until staff confirm in person or
     * the customer confirms from their private page; until then it changes nothing of theirs.
     */
    confirmed: integer("confirmed", { mode: "boolean" }).notNull().default(true),
    /** The name typed on the form (kept apart from the customer's stored name). */
    claimedName: text("claimed_name"),
    /** Marketing ticked on an unconfirmed submission: recorded as consent only when confirmed. */
    claimedMarketing: integer("claimed_marketing", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("submissions_customer").on(t.customerId, t.submittedAt), index("submissions_submitted").on(t.submittedAt)],
);
export type ConsultationSubmission = typeof consultationSubmissions.$inferSelect;

/** A recorded visit (a touch, not a purchase) with the staff's notes. */
export const visits = sqliteTable(
  "visits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    visitedAt: integer("visited_at").notNull(),
    done: text("done").notNull().default(""),
    productsUsed: text("products_used").notNull().default(""),
    notes: text("notes").notNull().default(""),
    advice: text("advice").notNull().default(""),
    /** Shown to the customer on their private page. */
    shared: integer("shared", { mode: "boolean" }).notNull().default(false),
    userId: integer("user_id").references(() => users.id),
  },
  (t) => [index("visits_customer").on(t.customerId, t.visitedAt)],
);
export type Visit = typeof visits.$inferSelect;

export const recommendations = sqliteTable(
  "recommendations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    visitId: integer("visit_id").references(() => visits.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull().default(1),
    note: text("note").notNull().default(""),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("recommendations_customer").on(t.customerId)],
);
export type Recommendation = typeof recommendations.$inferSelect;

/** Every staff opening of a customer card. */
export const cardAccessLogs = sqliteTable(
  "card_access_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    at: integer("at").notNull(),
  },
  (t) => [index("card_access_customer").on(t.customerId, t.at)],
);
export type CardAccessLog = typeof cardAccessLogs.$inferSelect;

// ---------------------------------------------------------------- stock counts and reviews of the week

export const stockCounts = sqliteTable(
  "stock_counts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** The stock day counted (shop-local). */
    date: text("date").notNull(),
    counted: integer("counted").notNull(),
    /** The system's available quantity at the moment of the count. */
    systemAvailable: integer("system_available").notNull(),
    countedAt: integer("counted_at").notNull(),
    userId: integer("user_id").references(() => users.id),
  },
  (t) => [index("stock_counts_counted_at").on(t.countedAt)],
);
export type StockCount = typeof stockCounts.$inferSelect;

export const weeklyNotes = sqliteTable("weekly_notes", {
  /** Monday of the week, shop-local. */
  weekStart: text("week_start").primaryKey(),
  body: text("body").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});
export type WeeklyNote = typeof weeklyNotes.$inferSelect;

// ---------------------------------------------------------------- reach: outbox

/**
 * Every message to a customer and every webhook event, written in the same transaction as the
 * change that causes it, then delivered by the worker (lib/messages/worker.ts) with retries.
 * `id` doubles as the stable delivery id receivers de-duplicate on (`msg_<id>` / webhook-id).
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `message` (to a customer: 알림톡/SMS/push/embedded log) or `webhook` (to one endpoint). */
    kind: text("kind", { enum: ["message", "webhook"] }).notNull(),
    /** Message template key (`order_ready`, `phone_code`, …) or webhook event type (`order.ready`). */
    topic: text("topic").notNull(),
    /** `transactional` or `marketing` (advertising rules apply); webhooks are `transactional`. */
    purpose: text("purpose", { enum: ["transactional", "marketing"] })
      .notNull()
      .default("transactional"),
    customerId: integer("customer_id").references(() => customers.id, { onDelete: "set null" }),
    /** Normalised phone the message goes to (null for push-only or webhooks). */
    phone: text("phone"),
    webhookEndpointId: integer("webhook_endpoint_id"),
    /** JSON: template params or the webhook body's `data`. */
    payload: text("payload", { mode: "json" }).notNull(),
    locale: text("locale", { enum: ["ko", "en"] })
      .notNull()
      .default("ko"),
    status: text("status", { enum: ["queued", "sending", "sent", "delivered", "failed", "cancelled"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    /** When it may be tried next (night-time marketing is held until 08:00 shop time). */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    lastStatusCode: integer("last_status_code"),
    /** Which adapter delivered it (`embedded`, `solapi_ata`, `solapi_sms`, `push`, `webhook`). */
    channel: text("channel"),
    /** Optional key that makes a second enqueue of the same thing a no-op (e.g. `reminder:order:12`). */
    dedupeKey: text("dedupe_key").unique(),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    /** The text as sent (messages), kept for the admin message log; erased with the customer. */
    body: text("body"),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt), index("outbox_customer").on(t.customerId)],
);
export type OutboxItem = typeof outbox.$inferSelect;
export type NewOutboxItem = typeof outbox.$inferInsert;

/** Owner-configured receivers of webhook events (Standard Webhooks), see API.md "Events out". */
export const webhookEndpoints = sqliteTable("webhook_endpoints", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull(),
  /** Event types (`order.ready`, …) or `["*"]` for all. */
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  /** `whsec_…`: shown once when created or rotated. */
  secret: text("secret").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull(),
  deletedAt: integer("deleted_at"),
});
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/** A browser that asked to be told ("준비되면 알림 받기"); endpoint and keys from PushManager. */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    endpoint: text("endpoint").notNull().unique(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("push_subscriptions_customer").on(t.customerId)],
);
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** The owner's own wording of a message template (defaults live in messages/<locale>/outbox.json). */
export const messageTexts = sqliteTable(
  "message_texts",
  {
    template: text("template").notNull(),
    locale: text("locale", { enum: ["ko", "en"] }).notNull(),
    body: text("body").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.template, t.locale] })],
);
export type MessageText = typeof messageTexts.$inferSelect;

// ---------------------------------------------------------------- phone confirmation and restock alerts

/**
 * One-time codes that confirm a phone number. Only an HMAC of the code (keyed with the app's
 * secret) is stored; a code lives 5 minutes and allows 5 tries. A newer code for the same
 * phone supersedes older ones.
 */
export const phoneConfirmations = sqliteTable(
  "phone_confirmations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Normalised phone the code was sent to. */
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: integer("expires_at").notNull(),
    /** Set when the right code was entered, or when a newer code replaced this one. */
    usedAt: integer("used_at"),
    confirmedAt: integer("confirmed_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("phone_confirmations_phone").on(t.phone, t.createdAt)],
);
export type PhoneConfirmation = typeof phoneConfirmations.$inferSelect;

/**
 * "입고 알림": a customer waits for a product. When stock becomes orderable on an open date the
 * waiters are told in subscription order, up to the quantity that came back; the subscription
 * then ends (`notified`). With the shop's hold setting, each one told has one loaf held for
 * them until `holdUntil` (counted as reserved by lib/inventory/availability.ts).
 */
export const restockSubscriptions = sqliteTable(
  "restock_subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    status: text("status", { enum: ["waiting", "notified", "cancelled"] })
      .notNull()
      .default("waiting"),
    createdAt: integer("created_at").notNull(),
    notifiedAt: integer("notified_at"),
    /** The pickup date the alert pointed at. */
    notifiedDate: text("notified_date"),
    /** One loaf held for this customer on `notifiedDate` until then (null: no hold). Ordering it, or the time passing, frees it. */
    holdUntil: integer("hold_until"),
  },
  (t) => [
    // One open wait per customer and product.
    uniqueIndex("restock_one_waiting")
      .on(t.customerId, t.productId)
      .where(sql`status = 'waiting'`),
    index("restock_waiting_product").on(t.productId, t.status, t.createdAt),
    index("restock_holds").on(t.notifiedDate, t.productId, t.holdUntil),
  ],
);
export type RestockSubscription = typeof restockSubscriptions.$inferSelect;

// ---------------------------------------------------------------- loyalty: tiers and returns

/**
 * A loyalty tier (등급): reached by spending at least `thresholdWon` across all channels over
 * the last `windowDays` days (refunds subtracted); it sets the points rate of the customer's
 * purchases. `birthdayCouponId` names an `issued` coupon (lib/coupons) the daily tier pass
 * issues to holders on their birthday (lib/loyalty/birthday.ts); null: no birthday coupon.
 */
export const tiers = sqliteTable("tiers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  windowDays: integer("window_days").notNull(),
  thresholdWon: integer("threshold_won").notNull(),
  pointsRateBp: integer("points_rate_bp").notNull(),
  birthdayCouponId: integer("birthday_coupon_id"),
  createdAt: integer("created_at").notNull().default(now),
});
export type Tier = typeof tiers.$inferSelect;
export type NewTier = typeof tiers.$inferInsert;

/** The review of a counter sale, asked on its receipt page once claimed (as `reviews` is for an order). */
export const saleReviews = sqliteTable("sale_reviews", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  saleId: integer("sale_id")
    .notNull()
    .unique()
    .references(() => storeSales.id),
  rating: integer("rating").notNull(),
  comment: text("comment").notNull().default(""),
  createdAt: integer("created_at").notNull().default(now),
});
export type SaleReview = typeof saleReviews.$inferSelect;

export const REFUND_METHODS = ["card", "cash", "transfer", "points", "exchange"] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

/**
 * A return or exchange of (part of) one purchase: a picked-up order or a counter sale. The
 * purchase stays; its refunded amount is subtracted from revenue. `external_id` makes an API
 * retry safe (same body → the first return).
 */
export const purchaseReturns = sqliteTable(
  "purchase_returns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    externalId: text("external_id").unique(),
    requestHash: text("request_hash"),
    orderId: integer("order_id").references(() => orders.id),
    saleId: integer("sale_id").references(() => storeSales.id),
    customerId: integer("customer_id").references(() => customers.id),
    kind: text("kind", { enum: ["return", "exchange"] })
      .notNull()
      .default("return"),
    refund: integer("refund").notNull(),
    method: text("method", { enum: REFUND_METHODS }).notNull(),
    /** Points taken back for the returned items (a `return` ledger entry). */
    pointsReversed: integer("points_reversed").notNull().default(0),
    /** Whether the returned goods went back to the day's available stock. */
    restocked: integer("restocked", { mode: "boolean" }).notNull().default(false),
    note: text("note").notNull().default(""),
    source: text("source", { enum: ["staff", "api"] }).notNull(),
    occurredAt: integer("occurred_at").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("purchase_returns_order").on(t.orderId),
    index("purchase_returns_sale").on(t.saleId),
    index("purchase_returns_customer").on(t.customerId),
  ],
);
export type PurchaseReturn = typeof purchaseReturns.$inferSelect;

export const purchaseReturnItems = sqliteTable(
  "purchase_return_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    returnId: integer("return_id")
      .notNull()
      .references(() => purchaseReturns.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    productName: text("product_name").notNull(),
    quantity: integer("quantity").notNull(),
    /** What these units were sold for (line price, discounts shared out). */
    amount: integer("amount").notNull(),
  },
  (t) => [index("purchase_return_items_return").on(t.returnId)],
);
export type PurchaseReturnItem = typeof purchaseReturnItems.$inferSelect;

/**
 * What the shop handed over in an exchange (교환으로 드린 상품): goods that leave the day's
 * stock like a counter sale's, without being a purchase (the exchange's money is the return's
 * refund). `date` is the shop-local day they left; `excess` as in a sale line.
 */
export const purchaseExchangeItems = sqliteTable(
  "purchase_exchange_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    returnId: integer("return_id")
      .notNull()
      .references(() => purchaseReturns.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    productName: text("product_name").notNull(),
    quantity: integer("quantity").notNull(),
    date: text("date").notNull(),
    excess: integer("excess").notNull().default(0),
  },
  (t) => [index("purchase_exchange_items_return").on(t.returnId), index("purchase_exchange_items_date").on(t.date, t.productId)],
);
// ---------------------------------------------------------------- coupons (lib/coupons)

export const COUPON_KINDS = ["fixed", "percent"] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];
export const COUPON_CODE_MODES = ["shared", "issued"] as const;
export type CouponCodeMode = (typeof COUPON_CODE_MODES)[number];

/**
 * A coupon the owner created: `fixed` takes `amount` won off, `percent` takes `amount` % of
 * the eligible lines (rounded down to the won). `shared`: one code (`code`) for everyone;
 * `issued`: each customer gets their own single-use code (`coupon_codes`).
 */
export const coupons = sqliteTable("coupons", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  kind: text("kind", { enum: COUPON_KINDS }).notNull(),
  amount: integer("amount").notNull(),
  /** The eligible lines must add up to at least this many won. */
  minSpend: integer("min_spend").notNull().default(0),
  /** Limited to these products and/or categories; both empty: every product. */
  productIds: text("product_ids", { mode: "json" }).$type<number[]>().notNull().default([]),
  categories: text("categories", { mode: "json" }).$type<string[]>().notNull().default([]),
  /** Valid from this shop-local date through `endsOn` (inclusive; null: no end). */
  startsOn: text("starts_on").notNull(),
  endsOn: text("ends_on"),
  /** Uses across all customers (null: unlimited); a cancelled order gives its use back. */
  totalLimit: integer("total_limit"),
  /** Uses per customer (null: unlimited). */
  perCustomerLimit: integer("per_customer_limit"),
  codeMode: text("code_mode", { enum: COUPON_CODE_MODES }).notNull(),
  /** The shared code (upper case); null for issued coupons. */
  code: text("code").unique(),
  pausedAt: integer("paused_at"),
  createdByUserId: integer("created_by_user_id").references(() => users.id),
  createdAt: integer("created_at").notNull().default(now),
});
export type Coupon = typeof coupons.$inferSelect;
export type NewCoupon = typeof coupons.$inferInsert;

/** A code issued to one customer for an `issued` coupon; usable once. */
export const couponCodes = sqliteTable(
  "coupon_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    couponId: integer("coupon_id")
      .notNull()
      .references(() => coupons.id),
    code: text("code").notNull().unique(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    /** Shop-local date its validity starts: the later of the coupon's start and the issue date. */
    validFrom: text("valid_from").notNull(),
    issuedAt: integer("issued_at").notNull(),
  },
  (t) => [
    index("coupon_codes_coupon").on(t.couponId),
    index("coupon_codes_customer").on(t.customerId),
    index("coupon_codes_valid_from").on(t.validFrom),
  ],
);
export type CouponCode = typeof couponCodes.$inferSelect;

/**
 * A tier's birthday coupon given to a customer: at most one per customer per year (the unique
 * key makes the daily pass idempotent), naming the code it issued.
 */
export const birthdayCouponGrants = sqliteTable(
  "birthday_coupon_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    /** The shop-local year of the birthday it was given for. */
    year: integer("year").notNull(),
    couponCodeId: integer("coupon_code_id")
      .notNull()
      .references(() => couponCodes.id),
    grantedAt: integer("granted_at").notNull(),
  },
  (t) => [uniqueIndex("birthday_coupon_grants_customer_year").on(t.customerId, t.year)],
);
export type BirthdayCouponGrant = typeof birthdayCouponGrants.$inferSelect;

/** One use of a coupon by an order or a sale; cancelling the order releases it (`released_at`). */
export const couponRedemptions = sqliteTable(
  "coupon_redemptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    couponId: integer("coupon_id")
      .notNull()
      .references(() => coupons.id),
    couponCodeId: integer("coupon_code_id").references(() => couponCodes.id),
    /** The code as typed (upper case), for the order page, receipt and close-out. */
    code: text("code").notNull(),
    customerId: integer("customer_id").references(() => customers.id),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    saleId: integer("sale_id").references(() => storeSales.id, { onDelete: "cascade" }),
    discount: integer("discount").notNull(),
    redeemedAt: integer("redeemed_at").notNull(),
    releasedAt: integer("released_at"),
  },
  (t) => [
    index("coupon_redemptions_coupon").on(t.couponId, t.customerId),
    // An order or a sale holds at most one live use; an issued code is used once.
    uniqueIndex("coupon_redemptions_order_live")
      .on(t.orderId)
      .where(sql`order_id is not null and released_at is null`),
    uniqueIndex("coupon_redemptions_sale_live")
      .on(t.saleId)
      .where(sql`sale_id is not null and released_at is null`),
    uniqueIndex("coupon_redemptions_code_live")
      .on(t.couponCodeId)
      .where(sql`coupon_code_id is not null and released_at is null`),
  ],
);
export type CouponRedemption = typeof couponRedemptions.$inferSelect;

// ---------------------------------------------------------------- complementary suggestions (lib/suggestions)

/** A product pair the owner switched off: neither is suggested for the other. `productA < productB`. */
export const suggestionPairsOff = sqliteTable(
  "suggestion_pairs_off",
  {
    productA: integer("product_a")
      .notNull()
      .references(() => products.id),
    productB: integer("product_b")
      .notNull()
      .references(() => products.id),
    userId: integer("user_id").references(() => users.id),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.productA, t.productB] })],
);

export const SUGGESTION_SURFACES = ["order_page", "customer_card", "counter"] as const;
export type SuggestionSurface = (typeof SUGGESTION_SURFACES)[number];

/**
 * A suggestion shown: on the order page (recorded when the order is placed), on the customer
 * card (when staff say they suggested it) or at the counter (recorded with the sale). Taken
 * when the customer's order or sale holds the product within 30 days.
 */
export const suggestionShows = sqliteTable(
  "suggestion_shows",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surface: text("surface", { enum: SUGGESTION_SURFACES }).notNull(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    /** What it was suggested for. */
    forProductId: integer("for_product_id").references(() => products.id),
    customerId: integer("customer_id").references(() => customers.id),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    saleId: integer("sale_id").references(() => storeSales.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    shownAt: integer("shown_at").notNull(),
  },
  (t) => [
    index("suggestion_shows_customer").on(t.customerId, t.shownAt),
    index("suggestion_shows_shown_at").on(t.shownAt),
    uniqueIndex("suggestion_shows_order_product")
      .on(t.orderId, t.productId)
      .where(sql`order_id is not null`),
  ],
);
export type SuggestionShow = typeof suggestionShows.$inferSelect;

// ---------------------------------------------------------------- metrics: customer purchase sequence

/**
 * Each identified purchase (a picked-up pre-order or a counter sale linked to a customer) with
 * its place in that customer's sequence of purchase days, so the per-customer metrics (revisit,
 * channel switch, repurchase cycle, 180-day value) are range reads of one index instead of a
 * search per customer. Days are shop-local, counted from 1970-01-01. Derived data: every
 * writer that changes a purchase refreshes its customer's rows in the same transaction
 * (lib/purchases/sequence.ts); `npm run cli -- rebuild-metrics` recomputes them all.
 */
export const customerPurchases = sqliteTable(
  "customer_purchases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "cascade" }),
    saleId: integer("sale_id").references(() => storeSales.id, { onDelete: "cascade" }),
    channel: text("channel").$type<PurchaseChannel>().notNull(),
    at: integer("at").notNull(),
    day: integer("day").notNull(),
    total: integer("total").notNull(),
    points: integer("points").notNull(),
    /** The rate of the purchase's latest points credit (null: none, or none recorded), as points consistency reads it. */
    rateBp: integer("rate_bp"),
    /** The earliest purchase of the customer's day (by time): the one that stands for the day. */
    firstOfDay: integer("first_of_day", { mode: "boolean" }).notNull(),
    /** The customer's latest purchase day before `day` (null: none). */
    prevDay: integer("prev_day"),
    /** The customer's earliest purchase day after `day` (null: none yet). */
    nextDay: integer("next_day"),
    /** The customer's earliest purchase day after `day` through another channel than this purchase's. */
    nextOtherDay: integer("next_other_day"),
    /** The customer's latest purchase day before `day` through another channel than this purchase's. */
    prevOtherDay: integer("prev_other_day"),
    /** The customer bought through two or more channels on `day`. */
    dayMixed: integer("day_mixed", { mode: "boolean" }).notNull().default(false),
    /** On the customer's first purchase ever: purchase totals less refunds from that day through day + 180. */
    value180: integer("value_180"),
  },
  (t) => [
    uniqueIndex("customer_purchases_order").on(t.orderId),
    uniqueIndex("customer_purchases_sale").on(t.saleId),
    // A customer's rows, replaced by each refresh of the customer; a single-channel customer's revenue over a range of days.
    index("customer_purchases_customer").on(t.customerId, t.day, t.total),
    // The first and last instant a rate was applied on a day (points rate history), one seek each.
    index("customer_purchases_points").on(t.rateBp, t.day, t.at),
    // The days that stand for a customer's day, read by range of day with every column the metrics need.
    index("customer_purchases_days")
      .on(t.day, t.prevDay, t.nextDay, t.nextOtherDay, t.channel, t.value180, t.dayMixed, t.customerId)
      .where(sql`first_of_day = 1`),
  ],
);
export type CustomerPurchase = typeof customerPurchases.$inferSelect;

/**
 * The identified purchases (`customer_purchases`) counted per day, applied rate, total and points:
 * what points consistency, the points rate history and the identified revenue of a range sum,
 * instead of every purchase (the policy check depends on the shop's rate now for a purchase
 * without a credit, so it is made per group when read). Derived data, kept with the purchase
 * sequence by the difference of each refreshed customer's rows (lib/purchases/rollups.ts).
 */
export const purchaseRateDays = sqliteTable(
  "purchase_rate_days",
  {
    day: integer("day").notNull(),
    /** The rate of the purchases' latest points credit; -1: none recorded (judged by the shop's rate now). */
    rateBp: integer("rate_bp").notNull(),
    total: integer("total").notNull(),
    points: integer("points").notNull(),
    purchases: integer("purchases").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.rateBp, t.total, t.points] }),
    // A range of days read from the index alone (the key's own index leads to every row).
    index("purchase_rate_days_range").on(t.day, t.rateBp, t.total, t.points, t.purchases),
  ],
);

/**
 * Per day, the customers' days that anchor the weekly revisit trend (the customer's first
 * purchase day of its Monday-started week) and how many of them were followed by another
 * purchase day within 30 and 60 days. Derived data, kept with the purchase sequence
 * (lib/purchases/rollups.ts); a day without such anchors has no row.
 */
export const revisitWeekDays = sqliteTable("revisit_week_days", {
  day: integer("day").primaryKey(),
  anchors: integer("anchors").notNull(),
  within30: integer("within_30").notNull(),
  within60: integer("within_60").notNull(),
});

/**
 * Per day and gap (whole days since the customer's previous purchase day), how many customers'
 * purchase days: the repurchase cycle's histogram of a range. Derived data, kept with the
 * purchase sequence (lib/purchases/rollups.ts).
 */
export const repurchaseGapDays = sqliteTable(
  "repurchase_gap_days",
  {
    day: integer("day").notNull(),
    gap: integer("gap").notNull(),
    customers: integer("customers").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.gap] }),
    // A range of days read from the index alone (the key's own index leads to every row).
    index("repurchase_gap_days_range").on(t.day, t.gap, t.customers),
  ],
);

/**
 * Every purchase (identified or not) summed per shop-local day (counted from 1970-01-01, as
 * `customer_purchases.day`) and channel: what the range sums of the metrics and the dashboard's
 * weekly charts read (revenue, average order value, store identification) instead of every
 * purchase. Derived data, kept with the purchase sequence: each purchase writer's
 * `refreshPurchaseSequence` recomputes the days it touched in the same transaction
 * (lib/purchases/sequence.ts); `rebuild-metrics` recomputes them all.
 */
export const purchaseDays = sqliteTable(
  "purchase_days",
  {
    day: integer("day").notNull(),
    channel: text("channel").$type<PurchaseChannel>().notNull(),
    purchases: integer("purchases").notNull(),
    total: integer("total").notNull(),
    /** Purchases linked to a customer (at the counter, by a receipt claim, or a pre-order's customer). */
    identified: integer("identified").notNull(),
    /** Identified counter sales whose customer came through a receipt claim. */
    claimed: integer("claimed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.channel] })],
);

/**
 * Each picked-up pre-order's pickup lead time (arrival, or the slot start for an early arrival, to
 * hand-over; null: picked up with no arrival) on the shop-local day of its hand-over, so the
 * lead-time median and chart of a range read one narrow index instead of working it out from
 * every order. Derived data, kept with the purchase sequence (lib/purchases/sequence.ts).
 */
export const pickupLeadTimes = sqliteTable(
  "pickup_lead_times",
  {
    orderId: integer("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    day: integer("day").notNull(),
    leadMs: integer("lead_ms"),
  },
  (t) => [index("pickup_lead_times_day").on(t.day, t.leadMs)],
);

/**
 * The pickup lead times (`pickup_lead_times`) counted per day and 10-second bucket (bucket b:
 * more than (b − 1) × 10 s up to b × 10 s; 0: none; −1: picked up with no arrival): the
 * lead-time counts, target share and chart of a range, and where its median and p90 lie, so
 * only the values of those buckets are read. Derived data, kept with the lead times
 * (lib/purchases/rollups.ts).
 */
export const pickupLeadDays = sqliteTable(
  "pickup_lead_days",
  {
    day: integer("day").notNull(),
    bucket: integer("bucket").notNull(),
    orders: integer("orders").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.bucket] })],
);

/**
 * Pre-orders with a final status (`picked_up`, `no_show`, `cancelled`) counted per pickup date:
 * what the outcome rates, the no-show split by payment and the weekly outcome chart read
 * instead of every order. Derived data: every change of an order's status, prepayment or pickup
 * date goes through `recordOrderEvent` or the order record writer, which recompute the dates
 * touched in the same transaction (lib/purchases/outcomes.ts); `rebuild-metrics` recomputes all.
 */
export const preorderOutcomeDays = sqliteTable("preorder_outcome_days", {
  pickupDate: text("pickup_date").primaryKey(),
  /** Final pre-orders of the date. */
  final: integer("final").notNull(),
  pickedUp: integer("picked_up").notNull(),
  noShow: integer("no_show").notNull(),
  /** Final pre-orders paid online in advance (`prepaid_amount > 0`), and how many of them were no-shows. */
  prepaid: integer("prepaid").notNull(),
  prepaidNoShow: integer("prepaid_no_show").notNull(),
});
