import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { orders } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Letters and digits that cannot be misread aloud or on a label (no B/8, O/0, I/1, S/5, Z/2, G/6). */
const CODE_LETTERS = "ACDEFHJKLMNPRTUVWXY";
const CODE_DIGITS = "3479";

/** A pickup code like `K347`: one letter and three digits, unique within its pickup date. */
export function generatePickupCode({ db, pickupDate }: { db: DbOrTx; pickupDate: string }): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const letter = CODE_LETTERS[crypto.randomInt(CODE_LETTERS.length)];
    const digits = Array.from({ length: 3 }, () => String(crypto.randomInt(10))).join("");
    const code = attempt < 100 ? letter + digits : letter + digits + CODE_DIGITS[crypto.randomInt(4)];
    const taken = preparedQuery(db, "orders.code-taken", (q) =>
      q
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.pickupDate, sql.placeholder("date")), eq(orders.code, sql.placeholder("code"))))
        .prepare(),
    ).get({ date: pickupDate, code });
    if (!taken) return code;
  }
  throw new AppError("conflict", { message: "order_code_failed" });
}
