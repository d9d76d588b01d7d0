import { getDb } from "@/db/client";
import { apiRoute, clientAddress, json, parseWith, readJson, requireJsonContentType } from "@/lib/api/http";
import { limitCodeRequests, phoneCodeRequestInput, requestPhoneCode } from "@/lib/customer-record/phone-confirmation";

export const dynamic = "force-dynamic";

/** Send a 6-digit code to a phone (public; limited per phone and per address). */
export const POST = apiRoute(async (req) => {
  requireJsonContentType(req);
  const { phone } = parseWith(phoneCodeRequestInput, await readJson(req));
  limitCodeRequests({ phone, client: clientAddress(req) });
  const { expiresAt } = requestPhoneCode({ db: getDb(), phone });
  return json({ phone_confirmation: { expires_at: new Date(expiresAt).toISOString() } }, 202);
});
