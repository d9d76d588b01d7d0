/**
 * A demo bakery: products with options, plans for the past thirteen weeks (enough for a 60-day revisit rate to be judged) and the next seven
 * days, and the history a real shop would have — web and phone pre-orders through every
 * status with their order events, counter sales (some anonymous), customers with consent
 * records and the points they earned — and what goes on around the purchases (reviews,
 * questions and replies, closing stock counts, consultation forms and the visits after
 * them, last week's note), so every dashboard number has something to show.
 *
 * Written through the schema directly, but by the same rules as the live paths: prices
 * come from the catalogue (`priceWithOptions`), points from `awardPurchasePoints`, pickup
 * codes from `generatePickupCode`, no product is ever reserved or sold past its plan and
 * no slot is booked past its capacity. The records around the purchases go through their
 * own lib functions (`submitReview`, `createInquiry`, `recordStockCount`, …) with past
 * times. A seeded PRNG makes every count and total reproducible for the same `now` (tokens
 * stay cryptographically random: they are keys).
 */
import { and, eq, gt, gte, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "./client";
import {
  customers,
  dailyPlans,
  orderEvents,
  orderItems,
  orders,
  outbox,
  productOptionChoices,
  productOptionGroups,
  products,
  PAYMENT_METHODS,
  storeSaleItems,
  storeSales,
  users,
  type Customer,
  type OrderChannel,
  type OrderStatus,
} from "./schema";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { seedDemoCoupons } from "@/lib/demo/seed-coupons";
import { seedDemoPrepaid } from "@/lib/demo/seed-prepaid";
import { newReceiptToken } from "@/lib/receipts/receipts";
import { SCALE_MIN, SCALE_MAX, type Question } from "@/lib/consultations/questions";
import { submitConsultation } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { addVisit } from "@/lib/consultations/visits";
import { ensureConsentTexts, recordConsent } from "@/lib/customers/consent";
import { newToken } from "@/lib/customers/customers";
import { AppError } from "@/lib/errors";
import { createInquiry, replyToInquiry } from "@/lib/inquiries/inquiries";
import { stockForDate } from "@/lib/inventory/availability";
import { mondayOf, saveWeeklyNote } from "@/lib/metrics/weekly";
import { generatePickupCode } from "@/lib/orders/place-order";
import { cutoffAt, isClosedDate, opensAt, slotCutoffAt, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { awardPurchasePoints } from "@/lib/points/policy";
import { listProductsWithOptions, type ProductWithOptions } from "@/lib/products/catalogue";
import { priceWithOptions } from "@/lib/products/pricing";
import { submitReview } from "@/lib/reviews/reviews";
import { applyOpenNowRules } from "@/lib/shop/first-run";
import { getShopSettings, loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, weekdayOf, zonedTime } from "@/lib/shop/time";
import { listCountableProducts, recordStockCount } from "@/lib/stock/counts";

const SEED = 0x5eed_da61;
const HISTORY_DAYS = 91;
const FUTURE_DAYS = 7;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Rng = ReturnType<typeof prng>;

// ---------------------------------------------------------------- catalogue

type OptionSeed = { name: string; required: boolean; choices: [string, number][] };
const SLICE: OptionSeed = { name: "슬라이스 여부", required: true, choices: [["통으로", 0], ["슬라이스", 0]] };
const GIFT_WRAP: OptionSeed = { name: "포장", required: false, choices: [["기본 포장", 0], ["선물 포장", 1_000]] };
const CREAM: OptionSeed = { name: "크림 추가", required: false, choices: [["크림치즈", 1_500], ["생크림", 1_000]] };
const CANDLES: OptionSeed = { name: "초", required: false, choices: [["큰 초 1개", 0], ["작은 초 10개", 500]] };

type ProductSeed = {
  name: string;
  category: string;
  price: number;
  description: string;
  maxPerOrder: number;
  /** Usual daily production, min–max. */
  made: [number, number];
  /** How often a pre-order includes it, relative weight. */
  popularity: number;
  options: OptionSeed[];
};

const CATALOGUE: ProductSeed[] = [
  { name: "우유식빵", category: "식빵", price: 5_500, description: "국산 우유로 반죽해 결이 촉촉한 식빵.", maxPerOrder: 5, made: [16, 24], popularity: 9, options: [SLICE] },
  { name: "통밀식빵", category: "식빵", price: 6_000, description: "통밀 30%, 고소하고 담백해요.", maxPerOrder: 5, made: [8, 14], popularity: 5, options: [SLICE] },
  { name: "바게트", category: "하드빵", price: 4_500, description: "저온 숙성 반죽, 겉은 바삭 속은 쫄깃.", maxPerOrder: 6, made: [14, 22], popularity: 6, options: [SLICE] },
  { name: "캄파뉴", category: "하드빵", price: 7_500, description: "천연 발효종으로 구운 시골빵.", maxPerOrder: 4, made: [6, 10], popularity: 4, options: [SLICE] },
  { name: "크루아상", category: "페이스트리", price: 4_200, description: "프랑스산 버터로 겹겹이 접었어요.", maxPerOrder: 10, made: [20, 30], popularity: 8, options: [GIFT_WRAP] },
  { name: "소금빵", category: "페이스트리", price: 3_200, description: "버터와 천일염, 단골이 가장 많이 찾는 빵.", maxPerOrder: 10, made: [30, 40], popularity: 10, options: [] },
  { name: "플레인 베이글", category: "베이글", price: 3_500, description: "데쳐서 구운 쫀득한 베이글.", maxPerOrder: 10, made: [14, 20], popularity: 6, options: [CREAM] },
  { name: "블루베리 베이글", category: "베이글", price: 3_800, description: "블루베리를 듬뿍 넣었어요.", maxPerOrder: 10, made: [10, 16], popularity: 5, options: [CREAM] },
  { name: "얼그레이 스콘", category: "구움과자", price: 3_800, description: "홍차 향이 은은한 스콘, 클로티드 크림과 함께.", maxPerOrder: 10, made: [12, 18], popularity: 4, options: [CREAM] },
  { name: "휘낭시에 (5개입)", category: "구움과자", price: 9_000, description: "태운 버터 향의 작은 구움과자 다섯 개.", maxPerOrder: 6, made: [8, 12], popularity: 3, options: [GIFT_WRAP] },
  { name: "무화과 크림치즈 캄파뉴", category: "하드빵", price: 8_500, description: "반건조 무화과와 크림치즈가 들어간 캄파뉴.", maxPerOrder: 4, made: [6, 10], popularity: 4, options: [SLICE] },
  { name: "생크림 딸기 케이크 (1호)", category: "케이크", price: 34_000, description: "하루 전까지 예약해 주세요. 지름 15cm.", maxPerOrder: 2, made: [2, 4], popularity: 2, options: [CANDLES, GIFT_WRAP] },
];

// ---------------------------------------------------------------- people

const FAMILY_NAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"];
const GIVEN_NAMES = [
  "민준", "서연", "지우", "하준", "서윤", "도윤", "지민", "예은", "시우", "수아", "주원", "하은", "지호", "채원", "은우",
  "지유", "건우", "소율", "현우", "다은", "선영", "영희", "정숙", "미경", "상철", "성호", "은정", "혜진", "동현", "수빈",
];

function customerPool(rng: Rng, size = 60): { name: string; phone: string; marketing: boolean }[] {
  const pool: { name: string; phone: string; marketing: boolean }[] = [];
  const phones = new Set<string>();
  const names = new Set<string>();
  while (pool.length < size) {
    const name = rng.pick(FAMILY_NAMES) + rng.pick(GIVEN_NAMES);
    const phone = `010${String(rng.int(2_000_0000, 9_999_9999))}`;
    if (names.has(name) || phones.has(phone)) continue;
    names.add(name);
    phones.add(phone);
    pool.push({ name, phone, marketing: rng.chance(0.4) });
  }
  return pool;
}

/**
 * Not everyone is omnichannel: a few people only ever order ahead on the web (and never give
 * their number at the counter), a few only buy at the counter — so the dashboard's omni share
 * and channel synergy compare two real groups. Fixed by position, so no extra random draws.
 */
const webOnly = (index: number) => index % 7 === 3;
const counterOnly = (index: number) => index % 7 === 5;

/** Regulars come often, most people now and then: the lower the index, the more visits. */
function pickRegular(rng: Rng, size: number): number {
  return Math.min(size - 1, Math.floor(size * Math.pow(rng.next(), 1.8)));
}

// ---------------------------------------------------------------- history plan

type Line = { product: ProductWithOptions; quantity: number; options: number[] };
type Step = { to: OrderStatus; at: number; actor: "user" | "customer" | "system"; note?: string };
type OrderPlan = {
  kind: "order";
  at: number;
  date: string;
  slot: SlotRule;
  channel: OrderChannel;
  customer: number;
  lines: Line[];
  steps: Step[];
  onRack: boolean;
  cancelReason: string | null;
};
type SalePlan = { kind: "sale"; at: number; date: string; customer: number | null; lines: Line[] };

export function seedDemo({ db, now = Date.now() }: { db: Db; now?: number }): { products: number; orders: number } {
  // One transaction for everything: the lib functions called with `db` below open their own
  // transactions, which better-sqlite3 turns into savepoints inside this one — so a failure
  // anywhere leaves the shop as empty as it was.
  return db.transaction(
    (tx) => {
      const before = tx.select({ max: sql<number | null>`max(${outbox.id})` }).from(outbox).get()?.max ?? 0;
      const result = seedInTx(tx, now);
      // Ready-made consultation forms, set up when the shop's history starts.
      seedConsultationTemplates({ db, now: now - HISTORY_DAYS * DAY });
      seedActivity({ db, now });
      seedDemoCoupons({ db, now, ownerId: tx.select({ id: users.id }).from(users).where(eq(users.role, "owner")).get()?.id ?? null });
      result.orders += seedDemoPrepaid({ db, now, ownerId: tx.select({ id: users.id }).from(users).where(eq(users.role, "owner")).get()?.id ?? null });
      // Made-up history tells nobody anything: drop the messages and events it queued.
      tx.delete(outbox).where(gt(outbox.id, before)).run();
      return result;
    },
    { behavior: "immediate" },
  );
}

function seedInTx(tx: Tx, now: number): { products: number; orders: number } {
  const existing = tx.get<{ products: number; orders: number }>(
    sql`select (select count(*) from ${products}) as products, (select count(*) from ${orders}) + (select count(*) from ${storeSales}) as orders`,
  );
  if (existing.products > 0 || existing.orders > 0) {
    throw new AppError("conflict", { message: "demo_needs_empty_shop" });
  }
  ensureConsentTexts({ db: tx });
  // The demo must take orders at whatever hour and weekday it is opened: the same window
  // as the owner's "open ordering now" (closed weekdays kept).
  applyOpenNowRules({ db: tx, now });
  const { settings, slots, closedDates } = loadSchedule({ db: tx });
  const owner = tx.select({ id: users.id }).from(users).where(eq(users.role, "owner")).orderBy(users.id).limit(1).get();
  const rng = prng(SEED);
  const tz = settings.timezone;
  const today = localDate(now, tz);

  // Catalogue.
  CATALOGUE.forEach((seed, index) => {
    const product = tx
      .insert(products)
      .values({ name: seed.name, category: seed.category, price: seed.price, description: seed.description, maxPerOrder: seed.maxPerOrder, sortOrder: index, createdAt: now - (HISTORY_DAYS + 7) * 86_400_000 })
      .returning({ id: products.id })
      .get();
    seed.options.forEach((group, groupIndex) => {
      const g = tx.insert(productOptionGroups).values({ productId: product.id, name: group.name, required: group.required, sortOrder: groupIndex }).returning({ id: productOptionGroups.id }).get();
      tx.insert(productOptionChoices)
        .values(group.choices.map(([name, priceDelta], i) => ({ groupId: g.id, name, priceDelta, sortOrder: i })))
        .run();
    });
  });
  const catalogue = listProductsWithOptions({ db: tx });
  const seedOf = new Map(catalogue.map((p, i) => [p.id, CATALOGUE[i]]));
  const popularity = catalogue.flatMap((p) => Array.from({ length: seedOf.get(p.id)!.popularity }, () => p));

  const pool = customerPool(rng);
  const plans: (OrderPlan | SalePlan)[] = [];

  for (let offset = -HISTORY_DAYS; offset <= FUTURE_DAYS; offset++) {
    const date = addDays(today, offset);
    if (isClosedDate(date, settings, closedDates)) continue;
    const planned = new Map<number, number>();
    for (const product of catalogue) {
      const [min, max] = seedOf.get(product.id)!.made;
      planned.set(product.id, rng.int(min, max));
    }
    tx.insert(dailyPlans)
      .values([...planned].map(([productId, qty]) => ({ date, productId, planned: qty, updatedAt: zonedTime(addDays(date, -2), "17:00", tz) })))
      .run();

    const taken = new Map<number, number>(); // reserved by live pre-orders + sold at the counter
    const left = (productId: number) => planned.get(productId)! - (taken.get(productId) ?? 0);
    const take = (lines: Line[]) => lines.forEach((l) => taken.set(l.product.id, (taken.get(l.product.id) ?? 0) + l.quantity));
    const chooseLines = (count: number, maxEach: number, withOptions: boolean): Line[] => {
      const lines: Line[] = [];
      for (let i = 0; i < count; i++) {
        const product = rng.pick(popularity);
        if (lines.some((l) => l.product.id === product.id)) continue;
        const quantity = Math.min(rng.int(1, maxEach), product.maxPerOrder, left(product.id));
        if (quantity <= 0) continue;
        lines.push({ product, quantity, options: withOptions ? chooseOptions(rng, product) : defaultOptions(product) });
      }
      return lines;
    };

    // Pre-orders: placed between the date's opening and its cut-off, never after `now`.
    const daySlots = slotsForDate(date, slots);
    const orderOpens = opensAt(date, settings);
    const orderCloses = Math.min(Math.max(cutoffAt(date, settings, slots), orderOpens + 30 * MINUTE), now);
    const booked = new Map<string, number>();
    if (daySlots.length && orderOpens < now) {
      const weekend = [0, 6].includes(weekdayOf(date));
      const wanted = offset > 0 ? rng.int(2, 5) : rng.int(weekend ? 8 : 4, weekend ? 13 : 9);
      for (let n = 0; n < wanted; n++) {
        const open = daySlots.filter((s) => (booked.get(s.startTime) ?? 0) < s.capacity);
        if (!open.length) break;
        const slot = rng.pick(open);
        const channel: OrderChannel = rng.chance(0.8) ? "web" : "phone";
        const placedAt =
          channel === "web"
            ? orderOpens + Math.floor(rng.next() * Math.max(1, Math.min(orderCloses, slotCutoffAt(date, slot, settings)) - orderOpens))
            : Math.min(now - MINUTE, zonedTime(addDays(date, -1), "10:00", tz) + rng.int(0, 9 * 60) * MINUTE);
        if (placedAt >= now) continue;
        const lines = chooseLines(rng.int(1, 3), 3, true);
        if (!lines.length) continue;
        const order = orderStory({ rng, date, slot, placedAt, channel, now, tz, cutoff: slotCutoffAt(date, slot, settings) });
        if (order.steps.at(-1)?.to !== "cancelled") {
          take(lines);
          booked.set(slot.startTime, (booked.get(slot.startTime) ?? 0) + 1);
        }
        let customer = pickRegular(rng, pool.length);
        if (counterOnly(customer) || (channel === "phone" && webOnly(customer))) customer = (customer + 1) % pool.length;
        plans.push({ kind: "order", date, slot, channel, customer, lines, ...order, at: placedAt });
      }
    }

    // Counter sales through the day, up to what the plan leaves; a few customers give their number for points.
    if (offset <= 0) {
      const sales = rng.int(14, 26);
      for (let n = 0; n < sales; n++) {
        const at = zonedTime(date, "08:30", tz) + rng.int(0, 11 * 60) * MINUTE + rng.int(0, 59) * 1000;
        if (at >= now) continue;
        const lines = chooseLines(rng.int(1, 3), 3, false);
        if (!lines.length) continue;
        take(lines);
        const customer = rng.chance(0.45) ? null : pickRegular(rng, pool.length);
        plans.push({ kind: "sale", at, date, customer: customer === null || webOnly(customer) ? null : customer, lines });
      }
    }
  }

  // Write in time order, so each customer is created (with their consent) at their first purchase.
  plans.sort((a, b) => a.at - b.at);
  const created = new Map<number, Customer>();
  const customerFor = (index: number, at: number, source: string): Customer => {
    let customer = created.get(index);
    if (!customer) {
      const person = pool[index];
      customer = tx.insert(customers).values({ phone: person.phone, name: person.name, token: newToken(), createdAt: at }).returning().get();
      recordConsent({ db: tx, customerId: customer.id, kind: "privacy", granted: true, source, at });
      recordConsent({ db: tx, customerId: customer.id, kind: "marketing", granted: person.marketing, source, at });
      created.set(index, customer);
    }
    return customer;
  };

  // Bags on the rack today get labels (A1, A2, …) in the order staff put them there.
  const rackLabels = [...settings.rackRows].flatMap((row) => Array.from({ length: settings.rackColumns }, (_, i) => `${row}${i + 1}`));
  let orderCount = 0;
  let orderNo = 0;
  for (const plan of plans) {
    const priced = plan.lines.map((l) => ({ ...l, ...priceWithOptions(l.product, l.options) }));
    const total = priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    if (plan.kind === "sale") {
      const customer = plan.customer === null ? null : customerFor(plan.customer, plan.at, "counter");
      const sale = tx
        .insert(storeSales)
        .values({ occurredAt: plan.at, saleDate: plan.date, customerId: customer?.id ?? null, total, source: "counter", receiptToken: newReceiptToken(), createdByUserId: owner?.id ?? null, createdAt: plan.at })
        .returning({ id: storeSales.id })
        .get();
      tx.insert(storeSaleItems)
        .values(priced.map((l) => ({ saleId: sale.id, productId: l.product.id, productName: l.product.name, unitPrice: l.unitPrice, quantity: l.quantity })))
        .run();
      const points = awardPurchasePoints({ db: tx, customerId: customer?.id ?? null, sourceType: "sale", sourceId: sale.id, total, now: plan.at });
      if (points) tx.update(storeSales).set({ pointsEarned: points }).where(eq(storeSales.id, sale.id)).run();
      continue;
    }

    const customer = customerFor(plan.customer, plan.at, plan.channel === "web" ? "storefront" : "phone");
    const final = plan.steps.at(-1) ?? { to: "placed" as OrderStatus, at: plan.at };
    const stamp = (to: OrderStatus) => plan.steps.find((s) => s.to === to)?.at ?? null;
    const order = tx
      .insert(orders)
      .values({
        token: newToken(),
        code: generatePickupCode({ db: tx, pickupDate: plan.date }),
        channel: plan.channel,
        status: final.to,
        customerId: customer.id,
        customerName: customer.name,
        pickupDate: plan.date,
        slotStart: plan.slot.startTime,
        slotEnd: plan.slot.endTime,
        paymentStatus: final.to === "picked_up" ? "paid" : "unpaid",
        // Mostly card, some cash and transfer, as at a bakery counter (deterministic by order).
        paymentMethod: final.to === "picked_up" ? PAYMENT_METHODS[[0, 0, 0, 1, 2][orderNo++ % 5]] : null,
        subtotal: total,
        total,
        note: plan.channel === "phone" && plan.lines.length > 1 ? "전화 주문" : "",
        rackSlot: plan.onRack ? (rackLabels.shift() ?? null) : null,
        placedAt: plan.at,
        readyAt: stamp("ready"),
        arrivedAt: stamp("arrived"),
        pickedUpAt: stamp("picked_up"),
        noShowAt: stamp("no_show"),
        cancelledAt: stamp("cancelled"),
        cancelReason: plan.cancelReason,
        createdByUserId: plan.channel === "phone" ? (owner?.id ?? null) : null,
      })
      .returning({ id: orders.id })
      .get();
    tx.insert(orderItems)
      .values(priced.map((l) => ({ orderId: order.id, productId: l.product.id, productName: l.product.name, unitPrice: l.unitPrice, quantity: l.quantity, options: l.options, lineTotal: l.unitPrice * l.quantity })))
      .run();
    const placedBy = plan.channel === "phone" ? "user" : "customer";
    const events = [{ to: "placed" as OrderStatus, at: plan.at, actor: placedBy as Step["actor"], note: undefined as string | undefined }, ...plan.steps];
    tx.insert(orderEvents)
      .values(
        events.map((e, i) => {
          const actorType = e.actor === "user" && !owner ? "system" : e.actor;
          return { orderId: order.id, fromStatus: i === 0 ? null : events[i - 1].to, toStatus: e.to, actorType, actorUserId: actorType === "user" ? owner!.id : null, note: e.note ?? null, at: e.at };
        }),
      )
      .run();
    if (final.to === "picked_up") {
      const points = awardPurchasePoints({ db: tx, customerId: customer.id, sourceType: "order", sourceId: order.id, total, now: final.at });
      if (points) tx.update(orders).set({ pointsEarned: points }).where(eq(orders.id, order.id)).run();
    }
    orderCount++;
  }

  return { products: catalogue.length, orders: orderCount };
}

function defaultOptions(product: ProductWithOptions): number[] {
  return product.optionGroups.filter((g) => g.required && g.choices.length).map((g) => g.choices[0].id);
}

function chooseOptions(rng: Rng, product: ProductWithOptions): number[] {
  const chosen: number[] = [];
  for (const group of product.optionGroups) {
    if (!group.choices.length) continue;
    if (group.required || rng.chance(0.3)) chosen.push(rng.pick(group.choices).id);
  }
  return chosen;
}

/**
 * What happened to one pre-order, as status steps after `placed`, none later than `now`:
 * most are picked up (usually after the customer taps "I'm here", a minute or two before
 * the hand-over), some are cancelled before the cut-off, a few are never collected.
 */
function orderStory({
  rng,
  date,
  slot,
  placedAt,
  channel,
  now,
  tz,
  cutoff,
}: {
  rng: Rng;
  date: string;
  slot: SlotRule;
  placedAt: number;
  channel: OrderChannel;
  now: number;
  tz: string;
  cutoff: number;
}): { steps: Step[]; onRack: boolean; cancelReason: string | null } {
  const start = zonedTime(date, slot.startTime, tz);
  const end = zonedTime(date, slot.endTime, tz);
  const roll = rng.next();
  const cancelBy = Math.min(cutoff, now);
  if (roll < 0.09 && cancelBy > placedAt + MINUTE) {
    const at = placedAt + Math.floor(rng.next() * (cancelBy - placedAt));
    const byPhone = channel === "phone" || rng.chance(0.3);
    const reason = byPhone ? rng.pick(["고객 요청 (전화)", "일정 변경", "중복 주문"]) : null;
    return { steps: [{ to: "cancelled", at, actor: byPhone ? "user" : "customer", note: reason ?? undefined }], onRack: false, cancelReason: reason };
  }
  const readyAt = start - rng.int(15, 45) * MINUTE;
  if (readyAt >= now) return { steps: [], onRack: false, cancelReason: null };
  const ready: Step = { to: "ready", at: readyAt, actor: "user" };
  if (end > now) {
    // Today's slot in progress: on the rack, maybe already arrived.
    if (start < now && rng.chance(0.4)) {
      return { steps: [ready, { to: "arrived", at: start + Math.floor(rng.next() * (now - start)), actor: "customer" }], onRack: true, cancelReason: null };
    }
    return { steps: [ready], onRack: true, cancelReason: null };
  }
  if (roll > 0.93) {
    const closing = Math.max(end, zonedTime(date, "20:00", tz));
    return { steps: [ready, { to: "no_show", at: Math.min(closing, now - MINUTE), actor: "system", note: "영업 종료까지 찾아가지 않음" }], onRack: false, cancelReason: null };
  }
  const window = end - start;
  if (rng.chance(0.85)) {
    const arrivedAt = start + Math.floor(rng.next() * window * 0.9);
    const pickedUpAt = arrivedAt + rng.int(50, 150) * 1000;
    return {
      steps: [ready, { to: "arrived", at: arrivedAt, actor: "customer" }, { to: "picked_up", at: Math.min(pickedUpAt, now - 1000), actor: "user" }],
      onRack: false,
      cancelReason: null,
    };
  }
  return { steps: [ready, { to: "picked_up", at: start + Math.floor(rng.next() * window), actor: "user" }], onRack: false, cancelReason: null };
}

// ---------------------------------------------------------------- around the purchases

/**
 * What else a living shop has, so every dashboard number has something to show: reviews of
 * picked-up orders, customer questions with the staff's replies, closing stock counts,
 * consultation forms followed (or not) by visits, and last week's note. Written through the
 * same lib functions as the live paths, each at its own moment in the past. Staff-side
 * records (replies, visits) need a user, so a shop without an owner gets only the customer side.
 */
/** What every activity step (counts, reviews, inquiries, consultations) works from. */
type ActivityContext = {
  db: Db;
  rng: Rng;
  now: number;
  today: string;
  tz: string;
  /** The instant of a shop-local date and minute of the day. */
  at: (date: string, minuteOfDay: number) => number;
  customerBefore: (when: number) => { id: number; token: string } | null;
  userId: number | null;
};

function seedActivity({ db, now }: { db: Db; now: number }): void {
  const rng = prng(SEED ^ 0x0ac7_1717);
  const tz = getShopSettings({ db }).timezone;
  const today = localDate(now, tz);
  const owner = db.select({ id: users.id }).from(users).where(eq(users.role, "owner")).orderBy(users.id).limit(1).get();
  const at = (date: string, minuteOfDay: number) =>
    zonedTime(date, `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`, tz);
  const people = db.select({ id: customers.id, token: customers.token, createdAt: customers.createdAt }).from(customers).orderBy(customers.id).all();
  /** Someone who was already a customer at `when` (people only write to a shop they know). */
  const customerBefore = (when: number) => {
    const known = people.filter((c) => c.createdAt <= when);
    return known.length ? rng.pick(known) : null;
  };

  const ctx: ActivityContext = { db, rng, now, today, tz, at, customerBefore, userId: owner?.id ?? null };
  seedStockCounts(ctx);
  seedReviews(ctx);
  seedInquiries(ctx);
  seedConsultations(ctx);

  const lastWeek = addDays(mondayOf(today), -7);
  saveWeeklyNote({
    db,
    weekStart: lastWeek,
    body: "노쇼가 조금 늘었어요. 이번 주에는 픽업 전날 저녁에 예약 목록을 한 번 더 확인하고, 2분 넘게 기다린 주문은 이유를 적어 두기.",
    now: Math.min(now - MINUTE, at(lastWeek, 9 * 60 + 40)),
  });
}

/**
 * A closing count (마감 실사) on some past days, for some products: counted after the last
 * sale, when the system's available quantity is final for that day. Mostly right; now and
 * then a bag or a loaf is off by one or two.
 */
function seedStockCounts({ db, rng, today, tz, userId }: ActivityContext): void {
  const { slots } = loadSchedule({ db });
  const dates = db
    .selectDistinct({ date: dailyPlans.date })
    .from(dailyPlans)
    .where(and(gte(dailyPlans.date, addDays(today, -HISTORY_DAYS)), lt(dailyPlans.date, today)))
    .orderBy(dailyPlans.date)
    .all()
    .map((d) => d.date);
  for (const date of dates) {
    if (!rng.chance(0.3)) continue;
    const lastSlotEnd = Math.max(0, ...slotsForDate(date, slots).map((s) => zonedTime(date, s.endTime, tz)));
    const countedAt = Math.max(zonedTime(date, "21:00", tz), lastSlotEnd + 30 * MINUTE) + rng.int(0, 20) * MINUTE;
    const stock = stockForDate({ db, date });
    for (const line of stock.values()) {
      if (!rng.chance(0.5)) continue;
      const off = rng.chance(0.05) ? rng.pick([-2, -1, 1, 2]) : 0;
      const counted = line.available + off < 0 ? line.available - off : line.available + off;
      recordStockCount({ db, productId: line.productId, date, counted, userId, now: countedAt });
    }
  }
}

const REVIEW_COMMENTS: Record<number, string[]> = {
  5: [
    "소금빵은 역시 여기가 최고예요. 따뜻할 때 받아서 더 좋았어요.",
    "미리 예약해 두니 줄 서지 않고 바로 받아 갔어요!",
    "크루아상 결이 살아 있어요. 또 주문할게요.",
    "케이크를 선물했는데 다들 맛있다고 했어요.",
    "우유식빵이 정말 촉촉해서 아이가 잘 먹어요.",
    "",
    "",
  ],
  4: ["맛있어요. 슬라이스가 조금 두꺼웠지만 만족해요.", "픽업이 빨라서 좋아요. 베이글이 쫀득해요.", "스콘이 맛있는데 크림이 조금 더 있었으면 좋겠어요.", ""],
  3: ["빵은 맛있는데 픽업할 때 조금 기다렸어요.", "바게트가 생각보다 딱딱했어요.", "맛은 좋은데 오늘은 좀 덜 구워진 느낌이었어요."],
  2: ["도착했다고 눌렀는데 한참 기다렸어요.", "선물 포장을 골랐는데 기본 포장으로 나왔어요."],
  1: ["예약한 시간에 갔는데 빵이 준비가 안 돼 있었어요.", "주문한 것과 다른 빵이 들어 있었어요."],
};

/** About a third of picked-up orders get a review within a day or so; long waits get the low ones. */
function seedReviews({ db, rng, now }: ActivityContext): void {
  const pickedUp = db
    .select({ token: orders.token, arrivedAt: orders.arrivedAt, pickedUpAt: orders.pickedUpAt })
    .from(orders)
    .where(eq(orders.status, "picked_up"))
    .orderBy(orders.id)
    .all();
  for (const order of pickedUp) {
    if (!rng.chance(0.3)) continue;
    const writtenAt = order.pickedUpAt! + rng.int(20, 30 * 60) * MINUTE;
    if (writtenAt >= now) continue;
    const roll = rng.next();
    let rating = roll < 0.55 ? 5 : roll < 0.85 ? 4 : roll < 0.93 ? 3 : roll < 0.97 ? 2 : 1;
    const waited = order.arrivedAt !== null && order.pickedUpAt! - order.arrivedAt > 130_000;
    if (waited && rng.chance(0.3)) rating = rng.pick([2, 3, 3]);
    const comment = waited && rating <= 3 ? rng.pick(["픽업할 때 생각보다 오래 기다렸어요.", "도착했다고 눌렀는데 한참 기다렸어요."]) : rng.pick(REVIEW_COMMENTS[rating]);
    submitReview({ db, orderToken: order.token, input: { rating, comment }, now: writtenAt });
  }
}

const INQUIRY_TOPICS: [string, string][] = [
  ["내일 케이크 픽업 시간을 한 시간 늦출 수 있을까요?", "네, 가능해요. 원하시는 시간으로 바꿔 두었어요. 주문 페이지에서 확인해 주세요."],
  ["소금빵에 들어가는 버터가 무염인가요? 아이가 먹을 거라서요.", "가염 버터를 조금 쓰고 겉에 천일염을 뿌려요. 아이 간식이면 우유식빵을 더 추천드려요."],
  ["견과류 알레르기가 있는데 휘낭시에에 아몬드가 들어가나요?", "네, 아몬드 가루가 들어가요. 견과류 알레르기가 있으시면 드시지 않는 게 좋아요."],
  ["선물 포장을 고르면 쇼핑백도 같이 주시나요?", "네, 선물 포장에는 쇼핑백이 함께 나가요."],
  ["크루아상 40개 단체 주문도 가능할까요?", "이틀 전까지 말씀해 주시면 준비할 수 있어요. 날짜를 알려 주시면 확인해 드릴게요."],
  ["가게 앞에 잠깐 차를 세울 수 있나요?", "가게 앞 5분 정차는 괜찮아요. 픽업은 금방 끝나니 편하게 오세요."],
  ["통밀식빵 슬라이스 두께를 조절할 수 있나요?", "주문 메모에 원하시는 두께를 적어 주시면 맞춰 드려요."],
  ["적립한 포인트는 어디서 확인하나요?", "주문 완료 문자에 있는 개인 링크에서 언제든 확인하실 수 있어요."],
  ["예약한 빵을 가족이 대신 찾아가도 되나요?", "네, 픽업 코드만 알려 주시면 누구든 찾아가실 수 있어요."],
  ["월요일에도 문을 여나요?", "월요일은 쉬어요. 화요일 아침 9시에 뵐게요."],
  ["비건 빵도 있나요?", "바게트와 캄파뉴는 우유·버터·달걀 없이 만들어요."],
  ["케이크에 문구를 넣을 수 있을까요?", "네, 주문 메모에 문구를 적어 주시면 초콜릿 판에 써 드려요."],
];

/**
 * Questions through the storefront (from the customer's private link) and the first staff
 * reply: within the hour in opening hours, the next morning for evening questions, and the
 * newest ones still waiting.
 */
function seedInquiries({ db, rng, now, today, tz, at, customerBefore, userId }: ActivityContext): void {
  const asked: { createdAt: number; topic: [string, string]; token: string; waiting: boolean }[] = [];
  for (let n = 0; n < 30; n++) {
    const date = addDays(today, -rng.int(1, HISTORY_DAYS - 3));
    const minute = rng.int(8 * 60, 22 * 60 + 30);
    const createdAt = at(date, minute) + rng.int(0, 59) * 1000;
    const who = customerBefore(createdAt);
    if (who) asked.push({ createdAt, topic: rng.pick(INQUIRY_TOPICS), token: who.token, waiting: false });
  }
  // One older question slipped through the cracks.
  if (asked.length) rng.pick(asked).waiting = true;
  // The newest questions, still in the owner's inbox.
  for (const minutesAgo of [rng.int(20, 90), rng.int(120, 300)]) {
    const createdAt = now - minutesAgo * MINUTE;
    const who = customerBefore(createdAt);
    if (who) asked.push({ createdAt, topic: rng.pick(INQUIRY_TOPICS), token: who.token, waiting: true });
  }
  asked.sort((a, b) => a.createdAt - b.createdAt);
  for (const q of asked) {
    const { inquiry } = createInquiry({ db, input: { token: q.token, message: q.topic[0] }, now: q.createdAt });
    if (q.waiting || userId === null) continue;
    const date = localDate(q.createdAt, tz);
    const minute = Math.floor((q.createdAt - zonedTime(date, "00:00", tz)) / MINUTE);
    const repliedAt =
      minute >= 9 * 60 && minute < 19 * 60
        ? q.createdAt + (rng.chance(0.8) ? rng.int(4, 70) : rng.int(70, 240)) * MINUTE
        : at(minute >= 19 * 60 ? addDays(date, 1) : date, 9 * 60 + rng.int(0, 60));
    if (repliedAt >= now) continue;
    replyToInquiry({ db, inquiryId: inquiry.id, userId, body: q.topic[1], now: repliedAt });
  }
}

/** Free-text answers by question id (the shipped templates' ids), never anything personal. */
const FREE_TEXT: Record<string, string[]> = {
  notes: ["캄파뉴가 겉은 바삭하고 속은 촉촉해서 좋았어요.", "아침에 먹는 우유식빵이 부드러워서 자주 사요.", "소금빵처럼 짭짤한 빵을 좋아해요."],
  allergy_detail: ["견과류는 조금만 들어가도 안 돼요.", "우유는 익힌 것도 피하고 있어요."],
  lettering: ["생일 축하해", "늘 고마워요", "결혼 10주년"],
  requests: ["딸기를 넉넉히 올려 주세요.", "너무 달지 않게 부탁드려요.", "상자에 리본을 달아 주세요."],
};
const ANY_TEXT = ["다음에 와서 이야기할게요.", "특별히 없어요."];

/**
 * Raw answers a customer could have typed into the form, for whatever questions the
 * template version has; `submitConsultation` validates them exactly as it does a real post.
 */
function sampleAnswers(rng: Rng, questions: Question[], submittedOn: string): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const q of questions) {
    if (!q.required && rng.chance(0.25)) continue;
    const choices = q.choices ?? [];
    switch (q.type) {
      case "single":
        raw[q.id] = rng.pick(choices);
        break;
      case "multi": {
        const picked = choices.filter(() => rng.chance(0.35));
        raw[q.id] = picked.length ? picked : [rng.pick(choices)];
        break;
      }
      case "scale":
        raw[q.id] = rng.int(SCALE_MIN, SCALE_MAX);
        break;
      case "yesno":
        raw[q.id] = rng.chance(0.35) ? "yes" : "no";
        break;
      case "date":
        // The demo's only date question is the day a cake is wanted: after the form.
        raw[q.id] = addDays(submittedOn, rng.int(3, 21));
        break;
      case "short":
      case "long":
        raw[q.id] = rng.pick(FREE_TEXT[q.id] ?? ANY_TEXT);
        break;
    }
  }
  return raw;
}

type VisitSeed = { done: string[]; productsUsed: string[]; notes: string[]; advice: string[]; recommendNote: string[] };
const VISIT_NOTES: Record<string, VisitSeed> = {
  "bread-taste": {
    done: ["취향 카드 보며 새로 나온 빵 시식", "지난번 빵 후기 듣고 비슷한 빵 소개", "선물용 구움과자 구성 상담"],
    productsUsed: ["캄파뉴, 무화과 깜빠뉴", "소금빵, 버터 크루아상", "휘낭시에, 마들렌"],
    notes: ["담백한 식사빵을 좋아하심. 단 빵은 가끔.", "겉이 바삭한 빵 선호, 주말 아침용으로 사 가심.", "선물용은 개별 포장을 원하심."],
    advice: ["식사빵은 잘라서 냉동했다가 데워 드시면 좋아요.", "크루아상은 오븐에 3분 데우면 처음처럼 바삭해요.", ""],
    recommendNote: ["아침에 곁들이기 좋아요", "취향에 맞으실 거예요"],
  },
  allergy: {
    done: ["알레르기 확인표 함께 확인", "견과류 없는 빵 목록 안내"],
    productsUsed: ["우유식빵, 바게트", "소금빵"],
    notes: ["견과류 알레르기. 호두 들어간 빵은 권하지 않기.", "우유 피하심. 바게트·캄파뉴 위주로 안내."],
    advice: ["견과류를 쓰는 날은 같은 오븐을 써서, 민감하시면 미리 물어봐 주세요.", ""],
    recommendNote: ["견과류가 들어가지 않아요", "우유 없이 만들어요"],
  },
  "cake-order": {
    done: ["케이크 디자인과 문구 확인", "케이크 크기·맛 상담"],
    productsUsed: ["생크림 딸기 케이크", "초콜릿 케이크 시식"],
    notes: ["생일 케이크, 문구 초콜릿 판에. 초 숫자 확인함.", "덜 달게 요청. 딸기 넉넉히."],
    advice: ["케이크는 받으신 뒤 바로 냉장고에 넣어 주세요.", ""],
    recommendNote: ["케이크와 함께 드시기 좋아요", "선물용으로 추천드려요"],
  },
};
const GENERIC_VISIT: VisitSeed = {
  done: ["상담표 내용 함께 확인"],
  productsUsed: [""],
  notes: ["상담표 답변 그대로 확인함."],
  advice: [""],
  recommendNote: ["추천드려요"],
};

/**
 * Consultation forms from customers (through their private link), and the visits that
 * followed: most within a few weeks, some much later, some never — so consult→visit has a
 * real rate, and a few too recent to judge.
 */
function seedConsultations({ db, rng, now, today, at, customerBefore, userId }: ActivityContext): void {
  const templates = ["bread-taste", "allergy", "cake-order"].flatMap((slug) => getActiveTemplateBySlug({ db, slug }) ?? []);
  if (!templates.length) return;
  const recommendable = listCountableProducts({ db });
  for (let n = 0; n < 24; n++) {
    const template = rng.chance(0.6) ? templates[0] : rng.pick(templates);
    const date = addDays(today, -rng.int(2, HISTORY_DAYS - 5));
    const submittedAt = at(date, rng.int(10 * 60, 21 * 60));
    const who = customerBefore(submittedAt);
    if (!who) continue;
    submitConsultation({
      db,
      slug: template.slug,
      input: { templateVersionId: template.version.id, token: who.token, consent: true, rawAnswers: sampleAnswers(rng, template.questions, date) },
      now: submittedAt,
    });

    const roll = rng.next();
    if (roll >= 0.88 || userId === null) continue;
    const visitDate = addDays(date, roll < 0.76 ? rng.int(1, 21) : rng.int(35, 55));
    const visitedAt = at(visitDate, rng.int(11 * 60, 19 * 60));
    if (visitedAt >= now) continue;
    const notes = VISIT_NOTES[template.slug] ?? GENERIC_VISIT;
    const recommendations = rng.chance(0.4)
      ? [...new Set([rng.pick(recommendable), rng.pick(recommendable)])].map((p) => ({ productId: p.id, quantity: rng.int(1, 2), note: rng.pick(notes.recommendNote) }))
      : [];
    addVisit({
      db,
      customerId: who.id,
      userId,
      input: { done: rng.pick(notes.done), productsUsed: rng.pick(notes.productsUsed), notes: rng.pick(notes.notes), advice: rng.pick(notes.advice), shared: rng.chance(0.7), recommendations },
      now: visitedAt,
    });
  }
}
