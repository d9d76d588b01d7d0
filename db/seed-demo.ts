/**
 * A demo bakery: products with options, plans for the past thirteen weeks (enough for a 60-day revisit rate to be judged) and the next seven
 * days, and the history a real shop would have — web and phone pre-orders through every
 * status with their order events, counter sales (some anonymous), customers with consent
 * records and the points they earned.
 *
 * Written through the schema directly, but by the same rules as the live paths: prices
 * come from the catalogue (`priceWithOptions`), points from `awardPurchasePoints`, pickup
 * codes from `generatePickupCode`, no product is ever reserved or sold past its plan and
 * no slot is booked past its capacity. A seeded PRNG makes every count and total
 * reproducible for the same `now` (tokens stay cryptographically random: they are keys).
 */
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "./client";
import {
  customers,
  dailyPlans,
  orderEvents,
  orderItems,
  orders,
  productOptionChoices,
  productOptionGroups,
  products,
  storeSaleItems,
  storeSales,
  users,
  type Customer,
  type OrderChannel,
  type OrderStatus,
} from "./schema";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { recordConsent } from "@/lib/customers/consent";
import { newToken } from "@/lib/customers/customers";
import { AppError } from "@/lib/errors";
import { generatePickupCode } from "@/lib/orders/place-order";
import { cutoffAt, isClosedDate, opensAt, slotCutoffAt, slotsForDate, type SlotRule } from "@/lib/pickup/schedule";
import { awardPurchasePoints } from "@/lib/points/policy";
import { listProductsWithOptions, type ProductWithOptions } from "@/lib/products/catalogue";
import { priceWithOptions } from "@/lib/products/pricing";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate, weekdayOf, zonedTime } from "@/lib/shop/time";

const SEED = 0x5eed_da61;
const HISTORY_DAYS = 91;
const FUTURE_DAYS = 7;
const MINUTE = 60_000;

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
  const result = db.transaction((tx) => seedInTx(tx, now), { behavior: "immediate" });
  // Ready-made consultation forms, so the consultation pages have something to show.
  seedConsultationTemplates({ db, now });
  return result;
}

function seedInTx(tx: Tx, now: number): { products: number; orders: number } {
  const existing = tx.get<{ products: number; orders: number }>(
    sql`select (select count(*) from ${products}) as products, (select count(*) from ${orders}) + (select count(*) from ${storeSales}) as orders`,
  );
  if (existing.products > 0 || existing.orders > 0) {
    throw new AppError("conflict", "이미 상품이나 주문이 있어서 데모 데이터를 넣지 않았어요. 데모 데이터는 빈 가게에만 넣을 수 있어요.");
  }
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
        plans.push({ kind: "order", date, slot, channel, customer: pickRegular(rng, pool.length), lines, ...order, at: placedAt });
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
        plans.push({ kind: "sale", at, date, customer: rng.chance(0.45) ? null : pickRegular(rng, pool.length), lines });
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
      customer = tx.insert(customers).values({ phone: person.phone, name: person.name, token: newToken(), marketingConsent: person.marketing, createdAt: at }).returning().get();
      recordConsent({ db: tx, customerId: customer.id, kind: "privacy", granted: true, source, at });
      recordConsent({ db: tx, customerId: customer.id, kind: "marketing", granted: person.marketing, source, at });
      created.set(index, customer);
    }
    return customer;
  };

  // Bags on the rack today get labels (A1, A2, …) in the order staff put them there.
  const rackLabels = [...settings.rackRows].flatMap((row) => Array.from({ length: settings.rackColumns }, (_, i) => `${row}${i + 1}`));
  let orderCount = 0;
  for (const plan of plans) {
    const priced = plan.lines.map((l) => ({ ...l, ...priceWithOptions(l.product, l.options) }));
    const total = priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    if (plan.kind === "sale") {
      const customer = plan.customer === null ? null : customerFor(plan.customer, plan.at, "counter");
      const sale = tx
        .insert(storeSales)
        .values({ occurredAt: plan.at, saleDate: plan.date, customerId: customer?.id ?? null, total, source: "counter", createdByUserId: owner?.id ?? null, createdAt: plan.at })
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
        pickupDate: plan.date,
        slotStart: plan.slot.startTime,
        slotEnd: plan.slot.endTime,
        paymentStatus: final.to === "picked_up" ? "paid" : "unpaid",
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
