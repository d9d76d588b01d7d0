/**
 * 200 customers race for the last 20 loaves: several Node processes, each with its own
 * connection to the same SQLite file, plus requests in this process through the route
 * handler, all released at once. The database must end with exactly 20 new orders, nothing
 * left, and no slot over its capacity.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consents, customers, orders, pickupSlots } from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { stockForDate } from "@/lib/inventory/availability";
import { addDays, localDate, weekdayOf } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import type { RaceResult, RaceSpec } from "@/tests/helpers/race-worker";
import { startRaceWorker } from "@/tests/helpers/race";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";

const WORKERS = 4;
const PER_WORKER = 40;
const IN_PROCESS = 40;
const ATTEMPTS = WORKERS * PER_WORKER + IN_PROCESS;
const PLANNED = 30;
const ALREADY_ORDERED = 10;
const LEFT = PLANNED - ALREADY_ORDERED;
/** Racers aim at three slots: a small one, a roomy one, and one already full. */
const SLOTS = ["09:00-10:00", "10:00-11:00", "11:00-12:00"] as const;
const CAPACITY: Record<(typeof SLOTS)[number], number> = { "09:00-10:00": 5, "10:00-11:00": 60, "11:00-12:00": ALREADY_ORDERED };

let db: Db;
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

beforeAll(() => {
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
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
});

const startWorker = (spec: RaceSpec) => startRaceWorker(spec, children);

describe("the last 20 units, 200 customers at once", () => {
  it(
    "sells exactly 20, leaves 0, overfills no slot, and writes nothing for the refused",
    async () => {
      const workers = await Promise.all(
        Array.from({ length: WORKERS }, (_, w) =>
          startWorker({ via: w % 2 === 0 ? "route" : "placeOrder", bodies: Array.from({ length: PER_WORKER }, (_, i) => body(w * PER_WORKER + i)) }),
        ),
      );
      for (const w of workers) w.go();
      const local = Promise.all(
        Array.from({ length: IN_PROCESS }, (_, i) =>
          call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: body(WORKERS * PER_WORKER + i), headers: { "x-dangol-peer": `198.51.100.${i}` } }).then(
            (r): RaceResult => ({ status: r.status, code: r.body.error?.code ?? null }),
          ),
        ),
      );
      const results = [...(await Promise.all(workers.map((w) => w.done))).flat(), ...(await local)];

      expect(results).toHaveLength(ATTEMPTS);
      // Every refusal is a clean "sold out" or "slot full": no 500, no busy database.
      const tally = new Map<string, number>();
      for (const r of results) tally.set(`${r.status} ${r.code ?? ""}`.trim(), (tally.get(`${r.status} ${r.code ?? ""}`.trim()) ?? 0) + 1);
      expect([...tally.keys()].sort()).toEqual(expect.arrayContaining(["201"]));
      for (const key of tally.keys()) expect(["201", "409 sold_out", "409 slot_full"]).toContain(key);
      expect(tally.get("201")).toBe(LEFT);

      // The database agrees.
      const live = db.select().from(orders).where(and(eq(orders.pickupDate, tomorrow), ne(orders.status, "cancelled"))).all();
      expect(live).toHaveLength(ALREADY_ORDERED + LEFT);
      expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)).toMatchObject({ planned: PLANNED, reserved: PLANNED, available: 0 });
      const perSlot = db
        .select({ slot: orders.slotStart, n: sql<number>`count(*)` })
        .from(orders)
        .where(eq(orders.pickupDate, tomorrow))
        .groupBy(orders.slotStart)
        .all();
      for (const { slot, n } of perSlot) {
        const label = SLOTS.find((s) => s.startsWith(slot))!;
        expect(n, `orders in ${label}`).toBeLessThanOrEqual(CAPACITY[label]);
      }
      expect(perSlot.find((s) => s.slot === "11:00")?.n).toBe(ALREADY_ORDERED);
      expect(new Set(live.map((o) => o.code)).size).toBe(live.length);
      // Refused customers left no trace.
      expect(db.select({ n: sql<number>`count(*)` }).from(customers).get()!.n).toBe(ALREADY_ORDERED + LEFT);
      expect(db.select({ n: sql<number>`count(*)` }).from(consents).get()!.n).toBe(2 * (ALREADY_ORDERED + LEFT));
    },
    120_000,
  );
});
