import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { outbox, phoneConfirmations } from "@/db/schema";
import { freshDb } from "@/tests/helpers/db";
import { CODE_TTL_MS, MAX_TRIES, newCode, requestPhoneCode, verifyPhoneCode } from "./phone-confirmation";

const PHONE = "01012345678";
let db: Db;
beforeEach(() => {
  db = freshDb();
});

function sentCode(): string {
  const rows = db.select().from(outbox).where(eq(outbox.topic, "phone_code")).all();
  return (rows.at(-1)!.payload as { code: string }).code;
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected an error");
}

describe("newCode", () => {
  it("is six digits, leading zeros kept", () => {
    const codes = Array.from({ length: 200 }, newCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });
});

describe("phone codes", () => {
  it("queues the code to the phone only and stores no clear code", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000 });
    const code = sentCode();
    const msg = db.select().from(outbox).get()!;
    expect(msg).toMatchObject({ kind: "message", topic: "phone_code", purpose: "transactional", phone: PHONE, customerId: null });
    const row = db.select().from(phoneConfirmations).get()!;
    expect(row.codeHash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.expiresAt).toBe(1_000 + CODE_TTL_MS);
  });

  it("accepts the right code once within 5 minutes", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000 });
    const code = sentCode();
    expect(verifyPhoneCode({ db, phone: PHONE, code, now: 1_000 + CODE_TTL_MS - 1 })).toEqual({ phone: PHONE, customerId: null });
    expect(errorOf(() => verifyPhoneCode({ db, phone: PHONE, code, now: 2_000 })).message).toContain("먼저 받아");
  });

  it("refuses the right code after 5 minutes", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000 });
    const code = sentCode();
    const e = errorOf(() => verifyPhoneCode({ db, phone: PHONE, code, now: 1_000 + CODE_TTL_MS }));
    expect(e.code).toBe("validation");
    expect(e.message).toContain("만료");
  });

  it("allows 5 tries: after 5 wrong codes even the right one is refused", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000, code: "123456" });
    const lefts: string[] = [];
    for (let i = 0; i < MAX_TRIES - 1; i++)
      lefts.push(errorOf(() => verifyPhoneCode({ db, phone: PHONE, code: "000000", now: 2_000 })).message);
    expect(lefts[0]).toContain("4번 더");
    expect(lefts[3]).toContain("1번 더");
    const fifth = errorOf(() => verifyPhoneCode({ db, phone: PHONE, code: "000000", now: 2_000 }));
    expect(fifth.code).toBe("rate_limited");
    expect(db.select().from(phoneConfirmations).get()!.attempts).toBe(MAX_TRIES);
    expect(errorOf(() => verifyPhoneCode({ db, phone: PHONE, code: "123456", now: 2_000 })).code).toBe("validation");
  });

  it("a new code replaces the old one", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000, code: "111111" });
    requestPhoneCode({ db, phone: PHONE, now: 2_000, code: "222222" });
    expect(errorOf(() => verifyPhoneCode({ db, phone: PHONE, code: "111111", now: 3_000 })).code).toBe("validation");
    expect(verifyPhoneCode({ db, phone: PHONE, code: "222222", now: 3_000 }).phone).toBe(PHONE);
  });

  it("a code for one phone does not confirm another", () => {
    requestPhoneCode({ db, phone: PHONE, now: 1_000, code: "123456" });
    expect(errorOf(() => verifyPhoneCode({ db, phone: "01099998888", code: "123456", now: 2_000 })).code).toBe("validation");
  });
});
