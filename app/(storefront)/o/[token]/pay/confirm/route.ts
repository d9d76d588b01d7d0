import { z } from "zod";
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { confirmPrepayment } from "@/lib/prepayment/prepay";
import { publicUrl } from "@/lib/web/request";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const redirectQuery = z.object({
  paymentKey: z.string().min(1).max(200),
  orderId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  amount: z.coerce.number().int().nonnegative(),
});

/**
 * The payment provider's success redirect (`?paymentType&orderId&paymentKey&amount`): the
 * server confirms the payment against the order's own total (lib/prepayment/prepay.ts) and
 * sends the customer to their order page, or back to the payment step saying what went wrong.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(req.url);
  const back = (path: string) => Response.redirect(publicUrl(req.headers, path), 303);
  const query = redirectQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return back(`/o/${encodeURIComponent(token)}/pay?code=INVALID_REDIRECT`);
  try {
    const outcome = await confirmPrepayment({ db: getDb(), redirect: { token, ...query.data } });
    if (outcome.state === "failed") return back(`/o/${encodeURIComponent(token)}/pay?code=${encodeURIComponent(outcome.code)}`);
    return back(`/o/${encodeURIComponent(token)}`);
  } catch (e) {
    if (!isAppError(e)) throw e;
    if (e.code === "not_found") return new Response("Not found", { status: 404 });
    return back(`/o/${encodeURIComponent(token)}/pay?code=${encodeURIComponent(e.key.toUpperCase())}`);
  }
}
