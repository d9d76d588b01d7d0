/**
 * Messages a person reads pick the right particle: never "노쇼(으)로" or "J574을(를)".
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 50);
});

it("an impossible status change names the target status with its particle", () => {
  const { order } = placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name: "김하나", phone: "010-1111-2222" },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    }),
  });
  changeOrderStatus({ db, orderId: order.id, to: "picked_up", actor: { type: "system" } });
  expect(() => changeOrderStatus({ db, orderId: order.id, to: "no_show", actor: { type: "system" } })).toThrow(
    "수령완료 상태에서 노쇼로 바꿀 수 없어요.",
  );
});

it("an order for a product not baked that day names it with its particle", () => {
  const input = orderInput.parse({
    pickup_date: tomorrow,
    slot: "10:00-11:00",
    customer: { name: "김하나", phone: "010-1111-2222" },
    consent: { privacy: true },
    items: [{ product_id: shop.bread.id, quantity: 1, options: [shop.options.whole.id] }],
  });
  expect(() => placeOrder({ db, channel: "web", input })).toThrow("우유식빵은 그날 준비하지 않아요.");
});

it("no catalogue or rule text keeps a both-ways particle placeholder", () => {
  const root = path.resolve(__dirname, "../..");
  const placeholder = /(을\(를\)|를\(을\)|은\(는\)|는\(은\)|이\(가\)|가\(이\)|와\(과\)|과\(와\)|\(으\)로|\(이\)|\(과\)|\(와\))/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(json|ts|tsx)$/.test(entry.name) && !/korean-particle/.test(entry.name)) {
        fs.readFileSync(full, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (placeholder.test(line)) offenders.push(`${path.relative(root, full)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  for (const dir of ["messages", "lib", "app", "components", "db"]) walk(path.join(root, dir));
  expect(offenders).toEqual([]);
});
