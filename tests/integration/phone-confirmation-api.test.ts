import { eq } from "drizzle-orm";
import { PEER_HEADER } from "@/lib/web/request";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox, phoneConfirmations } from "@/db/schema";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { readPhoneSession, PHONE_SESSION_COOKIE } from "@/lib/customers/phone-session";
import { CODES_PER_ADDRESS, CODES_PER_PHONE } from "@/lib/customer-record/phone-confirmation";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as requestPOST } from "@/app/api/v1/phone-confirmations/route";
import { POST as verifyPOST } from "@/app/api/v1/phone-confirmations/verify/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeAll(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bagel.id, 50);
});

const requestCode = (phone: string, address: string) =>
  call(requestPOST, { method: "POST", path: "/api/v1/phone-confirmations", headers: { [PEER_HEADER]: address }, body: { phone } });
const verify = (phone: string, code: string, address: string) =>
  call(verifyPOST, {
    method: "POST",
    path: "/api/v1/phone-confirmations/verify",
    headers: { [PEER_HEADER]: address },
    body: { phone, code },
  });

function lastCodeFor(phone: string): string {
  const rows = db
    .select()
    .from(outbox)
    .where(eq(outbox.phone, phone))
    .all()
    .filter((r) => r.topic === "phone_code");
  return (rows.at(-1)!.payload as { code: string }).code;
}
const codeRows = (phone: string) => db.select().from(phoneConfirmations).where(eq(phoneConfirmations.phone, phone)).all().length;

describe("POST /api/v1/phone-confirmations", () => {
  it("sends at most 3 codes to one phone per 15 minutes, even from different addresses", async () => {
    const phone = "010-3000-0001";
    for (let i = 0; i < CODES_PER_PHONE; i++) expect((await requestCode(phone, `198.51.100.${i + 1}`)).status).toBe(202);
    const refused = await requestCode(phone, "198.51.100.99");
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(codeRows("01030000001")).toBe(CODES_PER_PHONE);
  });

  it("sends at most 10 codes from one address per 15 minutes, whatever the phones", async () => {
    const address = "203.0.113.50";
    for (let i = 0; i < CODES_PER_ADDRESS; i++)
      expect((await requestCode(`010-3100-${String(i).padStart(4, "0")}`, address)).status).toBe(202);
    const refused = await requestCode("010-3100-9999", address);
    expect(refused.status).toBe(429);
    expect(codeRows("01031009999")).toBe(0);
    expect((await requestCode("010-3100-9999", "203.0.113.51")).status).toBe(202);
  });

  it("answers a bad phone with the API's error shape, in Korean", async () => {
    const res = await requestCode("12", "203.0.113.60");
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "validation", fields: { phone: "휴대전화 번호를 확인해 주세요." } });
  });
});

describe("POST /api/v1/phone-confirmations/verify", () => {
  it("with the right code lists the phone's orders with their links and sets a phone session", async () => {
    const { order } = placeOrder({
      db,
      channel: "web",
      input: {
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "김단골", phone: "010-3200-0001" },
        consent: { privacy: true, marketing: false },
        note: "",
        items: [{ product_id: shop.bagel.id, quantity: 2, options: [] }],
      },
    });
    expect((await requestCode("010-3200-0001", "203.0.113.70")).status).toBe(202);
    const wrong = await verify("010-3200-0001", lastCodeFor("01032000001") === "000000" ? "000001" : "000000", "203.0.113.70");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.code).toContain("4번 더");

    const res = await verify("010-3200-0001", lastCodeFor("01032000001"), "203.0.113.70");
    expect(res.status).toBe(200);
    expect(res.body.orders).toEqual([
      expect.objectContaining({
        code: order.code,
        pickup_date: tomorrow,
        url: `http://shop.test/o/${order.token}`,
        items: [{ name: "플레인 베이글", quantity: 2 }],
      }),
    ]);
    expect(res.body.me_url).toMatch(/^http:\/\/shop\.test\/me\/.{16,}$/);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toContain("HttpOnly");
    const value = cookie.split(";")[0].slice(PHONE_SESSION_COOKIE.length + 1);
    expect(readPhoneSession({ value })).toBe("01032000001");
  });

  it("limits code checks per address", async () => {
    const address = "203.0.113.80";
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await verify("010-3300-0001", "000000", address)).status;
    expect(last).toBe(429);
  });
});
