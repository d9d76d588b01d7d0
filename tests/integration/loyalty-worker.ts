/**
 * A separate process claiming a receipt on the same SQLite file, for the claim-once race in
 * loyalty.test.ts. Usage: tsx loyalty-worker.ts <json {token, phone, startAt}>; prints one
 * JSON line {ok, code?}.
 */
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { claimReceipt } from "@/lib/receipts/receipts";

const args = JSON.parse(process.argv[2]) as { token: string; phone: string; startAt: number };
const db = getDb();
while (Date.now() < args.startAt) {
  /* spin: every worker starts at the same wall-clock moment */
}
try {
  claimReceipt({ db, token: args.token, phone: args.phone, confirmed: false });
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, code: isAppError(e) ? e.code : String((e as Error).message) }));
}
process.exit(0);
