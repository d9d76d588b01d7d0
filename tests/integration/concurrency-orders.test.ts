/**
 * 200 customers race for the last 20 loaves: several Node processes, each with its own
 * connection to the same SQLite file, requests in this process through the route handler,
 * and orders sent to the placement thread (as the production server places them), all
 * released at once. Six more loaves are held by orders awaiting prepayment
 * whose holds end a moment after the race starts, while a sweeper expires them: they
 * may go to racers once free, never twice. The database must end with every loaf sold at
 * most once, nothing oversold, and no slot over its capacity.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consents, customers, orders, pickupSlots, shopSettings } from "@/db/schema";
import { bookedAt } from "@/lib/order-holds";
import { expireHolds } from "@/lib/prepayment/holds";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { sendToThread, startPlacementThread, stopPlacementThread } from "@/lib/orders/placement-thread";
import { isAppError } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { tsWorker } from "@/scripts/node/ts-worker";
import type { RaceResult, RaceSpec } from "@/tests/helpers/race-worker";
import { startRaceWorker } from "@/tests/helpers/race";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";

const WORKERS = 4;
const PER_WORKER = 40;
const IN_PROCESS = 20;
const IN_THREAD = 20;
const ATTEMPTS = WORKERS * PER_WORKER + IN_PROCESS + IN_THREAD;
const ALREADY_ORDERED = 10;
/** Loaves held by orders awaiting prepayment, whose holds end mid-race. */
const HELD = 6;
const LEFT = 20;
const PLANNED = ALREADY_ORDERED + HELD + LEFT;
/** Racers aim at three slots: a small one, a roomy one, and one already full. */
const SLOTS = ["09:00-10:00", "10:00-11:00", "11:00-12:00"] as const;
const CAPACITY: Record<(typeof SLOTS)[number], number> = { "09:00-10:00": 5, "10:00-11:00": 60, "11:00-12:00": ALREADY_ORDERED };

let db: Db;
let thread: ReturnType<typeof startPlacementThread>;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);
const children: ChildProcessWithoutNullStreams[] = [];

const body = (n: number) => ({
  pickup_date: tomorrow,
  slot: SLOTS[n % SLOTS.length],
  customer: { name: `손님${n}`, phone: `010-7${String(n).padStart(3, "0")}-0000` },
  consent: { privacy: true },
  items: [{ product_id: shop.bagel.id, quantity: 1 }],
});

beforeAll(async () => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, PLANNED);
  for (const slot of SLOTS) {
    db.update(pickupSlots)
      .set({ capacity: CAPACITY[slot] })
      .where(and(eq(pickupSlots.weekday, weekdayOf(tomorrow)), eq(pickupSlots.startTime, slot.slice(0, 5))))
      .run();
  }
  // The earlier customers: they fill the 11:00 slot and leave the last 20 bagels.
  for (let i = 0; i < ALREADY_ORDERED; i++) {
    placeOrder({ db, channel: "web", input: orderInput.parse({ ...body(900 + i), slot: "11:00-12:00" }) });
  }
  // Prepaid orders waiting for their payment, in the roomy slot.
  db.update(shopSettings).set({ paymentPolicy: "required" }).run();
  for (let i = 0; i < HELD; i++) {
    placeOrder({ db, channel: "web", prepaymentOffered: true, input: orderInput.parse({ ...body(950 + i), slot: "10:00-11:00" }) });
  }
  db.update(shopSettings).set({ paymentPolicy: "at_pickup" }).run();
  thread = startPlacementThread({ spawn: tsWorker });
  // Loaded before the race: an order for a product that does not exist is refused once it is.
  await sendToThread(thread, {
    channel: "web",
    input: orderInput.parse({ ...body(999), items: [{ product_id: 999, quantity: 1 }] }),
  }).catch(() => {});
  expect(thread.started).toBe(true);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill();
  await stopPlacementThread();
});

const startWorker = (spec: RaceSpec) => startRaceWorker(spec, children);

describe("the last 20 units, 200 customers at once", () => {
  it("sells the free units and those ended holds give back, each once, overfills no slot, and writes nothing for the refused", async () => {
    const workers = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) =>
        startWorker({
          via: w % 2 === 0 ? "route" : "placeOrder",
          bodies: Array.from({ length: PER_WORKER }, (_, i) => body(w * PER_WORKER + i)),
        }),
      ),
    );
    // The holds end 100 ms after the start; a sweeper expires them while the race runs.
    db.update(orders)
      .set({ holdUntil: Date.now() + 100 })
      .where(eq(orders.status, "awaiting_payment"))
      .run();
    const sweeper = setInterval(() => expireHolds({ db }), 20);
    for (const w of workers) w.go();
    const viaThread = Promise.all(
      Array.from({ length: IN_THREAD }, (_, i) =>
        sendToThread(thread, { channel: "web", input: orderInput.parse(body(WORKERS * PER_WORKER + IN_PROCESS + i)) }).then(
          (): RaceResult => ({ status: 201, code: null }),
          (e: unknown): RaceResult => (isAppError(e) ? { status: e.status, code: e.code } : { status: 500, code: String(e) }),
        ),
      ),
    );
    const local = Promise.all(
      Array.from({ length: IN_PROCESS }, (_, i) =>
        call(ordersPOST, {
          method: "POST",
          path: "/api/v1/storefront/orders",
          body: body(WORKERS * PER_WORKER + i),
          headers: { "x-dangol-peer": `198.51.100.${i}` },
        }).then((r): RaceResult => ({ status: r.status, code: r.body.error?.code ?? null })),
      ),
    );
    const results = [...(await Promise.all(workers.map((w) => w.done))).flat(), ...(await local), ...(await viaThread)];
    clearInterval(sweeper);
    expireHolds({ db });

    expect(results).toHaveLength(ATTEMPTS);
    // Every refusal is a clean "sold out" or "slot full": no 500, no busy database.
    const tally = new Map<string, number>();
    for (const r of results) tally.set(`${r.status} ${r.code ?? ""}`.trim(), (tally.get(`${r.status} ${r.code ?? ""}`.trim()) ?? 0) + 1);
    expect([...tally.keys()].sort()).toEqual(expect.arrayContaining(["201"]));
    for (const key of tally.keys()) expect(["201", "409 sold_out", "409 slot_full"]).toContain(key);
    // At least the free loaves sold; at most those plus the loaves the ended holds gave back.
    const sold = tally.get("201") ?? 0;
    expect(sold).toBeGreaterThanOrEqual(LEFT);
    expect(sold).toBeLessThanOrEqual(LEFT + HELD);

    // The database agrees: every hold expired, each loaf counted once, none oversold.
    expect(db.select().from(orders).where(eq(orders.status, "expired")).all()).toHaveLength(HELD);
    const live = db
      .select()
      .from(orders)
      .where(and(eq(orders.pickupDate, tomorrow), bookedAt(Date.now())))
      .all();
    expect(live).toHaveLength(ALREADY_ORDERED + sold);
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({
      planned: PLANNED,
      reserved: ALREADY_ORDERED + sold,
      available: PLANNED - ALREADY_ORDERED - sold,
    });
    const perSlot = db
      .select({ slot: orders.slotStart, n: sql<number>`count(*)` })
      .from(orders)
      .where(and(eq(orders.pickupDate, tomorrow), inArray(orders.status, ["placed"])))
      .groupBy(orders.slotStart)
      .all();
    for (const { slot, n } of perSlot) {
      const label = SLOTS.find((s) => s.startsWith(slot))!;
      expect(n, `orders in ${label}`).toBeLessThanOrEqual(CAPACITY[label]);
    }
    expect(perSlot.find((s) => s.slot === "11:00")?.n).toBe(ALREADY_ORDERED);
    expect(new Set(live.map((o) => o.code)).size).toBe(live.length);
    // Refused customers left no trace.
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(customers)
        .get()!.n,
    ).toBe(ALREADY_ORDERED + HELD + sold);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(consents)
        .get()!.n,
    ).toBe(2 * (ALREADY_ORDERED + HELD + sold));
  }, 120_000);
});
