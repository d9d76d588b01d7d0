import { getDb } from "@/db/client";
import { orderUrl } from "@/lib/api/serializers";
import { apiRoute, clientAddress, json, parseWith, readJson, requireJsonContentType } from "@/lib/api/http";
import { ordersForConfirmedPhone } from "@/lib/customers/confirmed-phone";
import { limitCodeChecks, phoneCodeCheckInput, verifyPhoneCode } from "@/lib/customer-record/phone-confirmation";
import { PHONE_SESSION_COOKIE, signPhoneSession } from "@/lib/customers/phone-session";

export const dynamic = "force-dynamic";

/**
 * Check the code. On success: the phone's recent and upcoming orders with their links, the
 * private page link, and a short-lived phone-session cookie for this browser.
 */
export const POST = apiRoute(async (req) => {
  requireJsonContentType(req);
  limitCodeChecks({ client: clientAddress(req) });
  const { phone, code } = parseWith(phoneCodeCheckInput, await readJson(req));
  const db = getDb();
  verifyPhoneCode({ db, phone, code });
  const session = signPhoneSession({ phone });
  const view = ordersForConfirmedPhone({ db, phone });
  const origin = new URL(req.url).origin;
  const res = json({
    confirmed: true,
    session_expires_at: new Date(session.expiresAt).toISOString(),
    me_url: view.customer ? new URL(`/me/${view.customer.token}`, origin).toString() : null,
    orders: view.orders.map((o) => ({
      code: o.code,
      pickup_date: o.pickupDate,
      slot: o.slot,
      status: o.status,
      total: o.total,
      items: o.items,
      url: orderUrl(o, origin),
    })),
  });
  const secure = origin.startsWith("https:") ? "; Secure" : "";
  res.headers.append(
    "Set-Cookie",
    `${PHONE_SESSION_COOKIE}=${session.value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor((session.expiresAt - Date.now()) / 1000)}${secure}`,
  );
  return res;
});
