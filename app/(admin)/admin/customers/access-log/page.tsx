import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePagePermission } from "@/lib/auth/session";
import { listCardAccessLog } from "@/lib/customer-record/card";
import { formatDateTime } from "@/lib/format";

/** Owner only: who opened which customer card, when. */
export default async function AccessLogPage() {
  await requirePagePermission("access_log", "/admin/customers/access-log");
  const t = await getTranslations("consult.card");
  const tn = await getTranslations("admin.nav");
  const locale = await getLocale();
  const rows = listCardAccessLog({ db: getDb(), limit: 500 });
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("accessLogAll")}</h1>
      <table className="mt-4 w-full rounded-2xl bg-white text-left" data-testid="access-log">
        <thead>
          <tr className="border-b border-stone-200 text-sm text-stone-600">
            <th className="p-3">{t("accessAt")}</th>
            <th className="p-3">{t("accessWho")}</th>
            <th className="p-3">{t("accessCustomer")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100">
              <td className="p-3">{formatDateTime(r.at, locale)}</td>
              <td className="p-3">
                {r.userName} · {tn(`role.${r.userRole}`)}
              </td>
              <td className="p-3">
                <Link className="text-brand-700 underline" href={`/admin/customers/${r.customerId}`}>
                  {r.customerName ?? "—"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
