/**
 * A real SQLite file in a temp folder, migrated like production. Each test file runs in its
 * own process (vitest forks), so pointing DATABASE_PATH here isolates it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { closeDb, getDb, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { dailyPlans, productOptionChoices, productOptionGroups, products, shopSettings } from "@/db/schema";
import { createShop } from "@/lib/setup/create-shop";

export function freshDb(): Db {
  closeDb();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-test-"));
  process.env.DATABASE_PATH = path.join(dir, "test.db");
  process.env.AUTH_SECRET = "test-secret-test-secret-test-secret";
  // A copy of the file migrated once for the run (tests/helpers/global-setup.ts); the migrator
  // then finds every migration applied, and still applies any the copy lacks.
  const migrated = inject("migratedDb");
  if (migrated) fs.copyFileSync(migrated, process.env.DATABASE_PATH);
  const db = getDb();
  runMigrations(db);
  return db;
}

export const OWNER = { email: "owner@example.com", password: "correct-horse-9" };

/**
 * A set-up shop whose ordering is open for every date from today on: opens 14 days ahead,
 * each slot closes when it starts. Tests that need other rules update `shop_settings`.
 */
export function shopWithProducts(db: Db) {
  createShop({ db, input: { shopName: "테스트 빵집", email: OWNER.email, password: OWNER.password } });
  db.update(shopSettings)
    .set({ opensDaysBefore: 14, cutoffMode: "hours_before_slot", cutoffHoursBefore: 0, closedWeekdays: [], daysAhead: 7 })
    .run();
  const bread = db.insert(products).values({ name: "우유식빵", price: 5000, maxPerOrder: 50 }).returning().get();
  const bagel = db.insert(products).values({ name: "플레인 베이글", price: 3500, maxPerOrder: 50 }).returning().get();
  const group = db.insert(productOptionGroups).values({ productId: bread.id, name: "슬라이스", required: true }).returning().get();
  const whole = db.insert(productOptionChoices).values({ groupId: group.id, name: "통으로", priceDelta: 0 }).returning().get();
  const sliced = db.insert(productOptionChoices).values({ groupId: group.id, name: "슬라이스", priceDelta: 500 }).returning().get();
  return { bread, bagel, options: { group, whole, sliced } };
}

export function plan(db: Db, date: string, productId: number, planned: number) {
  db.insert(dailyPlans)
    .values({ date, productId, planned })
    .onConflictDoUpdate({ target: [dailyPlans.date, dailyPlans.productId], set: { planned } })
    .run();
}
