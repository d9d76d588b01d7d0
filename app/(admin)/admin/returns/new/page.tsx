import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { REFUND_METHODS } from "@/db/schema";
import { requirePagePermission } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { formatWon } from "@/lib/format";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { GIVEN_LINES, listReturns, returnableLines } from "@/lib/returns/returns";
import { recordReturnAction } from "../actions";

type Search = { order?: string; sale?: string; back?: string };

/**
 * Record a return or exchange of one purchase (a picked-up order or a counter sale), opened
 * from the customer card or the order page: how many of each line come back, the refund, how
 * it was paid back, whether the goods go back into today's stock, and — for an exchange —
 * what was handed over instead (it leaves today's stock).
 */
export default async function NewReturnPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePagePermission("counter", "/admin/returns/new");
  const t = await getTranslations("admin.returns");
  const locale = await getLocale();
  const sp = await searchParams;
  const orderId = Number(sp.order);
  const saleId = Number(sp.sale);
  const ref: { orderId: number } | { saleId: number } | null =
    Number.isInteger(orderId) && orderId > 0 ? { orderId } : Number.isInteger(saleId) && saleId > 0 ? { saleId } : null;
  if (!ref) notFound();
  const db = getDb();
  let lines;
  try {
    lines = returnableLines({ db, ...ref });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    if (isAppError(e)) return <p className="text-stone-700">{t("notPurchase")}</p>;
    throw e;
  }
  const back = sp.back && /^\/admin\/(customers|orders)\/\d+$/.test(sp.back) ? sp.back : null;
  const earlier = listReturns({ db, ...ref });
  const products = listProductsWithOptions({ db, activeOnly: true });
  const what = "orderId" in ref ? t("order", { id: ref.orderId }) : t("sale", { id: ref.saleId });

  return (
    <div className="max-w-2xl space-y-4">
      {back && (
        <Link href={back} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      )}
      <h1 className="text-2xl font-bold">{t("title", { what })}</h1>
      {earlier.length > 0 && <p className="text-stone-700">{t("earlier", { count: earlier.length })}</p>}
      <ActionForm
        progressive
        action={recordReturnAction}
        submitLabel={t("record")}
        pendingLabel={t("recording")}
        testId="return-form"
        fields={[
          ...(back ? [{ kind: "hidden" as const, name: "back", value: back }] : []),
          "orderId" in ref
            ? { kind: "hidden" as const, name: "order_id", value: String(ref.orderId) }
            : { kind: "hidden" as const, name: "sale_id", value: String(ref.saleId) },
          {
            kind: "select" as const,
            name: "kind",
            label: t("kind"),
            options: (["return", "exchange"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          },
          ...lines.map((l) => ({
            kind: "number" as const,
            name: `qty_${l.productId}`,
            label: t("line", { name: l.name }),
            hint: t("lineHint", { bought: l.bought, left: l.left, amount: formatWon(l.share, locale) }),
            inputMode: "numeric" as const,
            min: 0,
            max: l.left,
            defaultValue: "0",
          })),
          { kind: "number" as const, name: "refund", label: t("refund"), inputMode: "numeric" as const, min: 0, hint: t("refundHint") },
          {
            kind: "select" as const,
            name: "method",
            label: t("method"),
            options: REFUND_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) })),
          },
          { kind: "checkbox" as const, name: "restock", label: t("restock"), hint: t("restockHint") },
          ...Array.from({ length: GIVEN_LINES }, (_, i) => [
            {
              kind: "select" as const,
              name: `given_product_${i}`,
              label: t("given", { n: i + 1 }),
              hint: i === 0 ? t("givenHint") : undefined,
              options: [{ value: "", label: t("givenNone") }, ...products.map((p) => ({ value: String(p.id), label: p.name }))],
            },
            {
              kind: "number" as const,
              name: `given_qty_${i}`,
              label: t("givenQuantity", { n: i + 1 }),
              inputMode: "numeric" as const,
              min: 1,
              defaultValue: "1",
            },
          ]).flat(),
          { kind: "textarea" as const, name: "note", label: t("note"), rows: 2 },
        ]}
      />
    </div>
  );
}
