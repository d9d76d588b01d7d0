import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { requirePagePermission } from "@/lib/auth/session";
import { countUnanswered, listInbox } from "@/lib/inquiries/inquiries";
import { formatDateTime } from "@/lib/format";
import { replyInquiryAction } from "./actions";

/** The inbox: unanswered questions first, the longest-waiting on top. */
export default async function InquiriesPage() {
  await requirePagePermission("customers", "/admin/inquiries");
  const t = await getTranslations("consult.inquiries");
  const locale = await getLocale();
  const db = getDb();
  const rows = listInbox({ db });
  const open = countUnanswered({ db });
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-stone-700">{t("unansweredCount", { count: open })}</p>
      {rows.length === 0 ? (
        <p className="mt-6 text-stone-600">{t("empty")}</p>
      ) : (
        <ul className="mt-4 space-y-3" data-testid="inquiry-inbox">
          {rows.map((q) => (
            <li key={q.id} className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="inquiry-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">
                  {q.customerId ? (
                    <Link href={`/admin/customers/${q.customerId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {q.customerName ?? t("noName")}
                    </Link>
                  ) : (
                    t("noName")
                  )}
                </span>
                <span className="flex items-center gap-2 text-sm text-stone-600">
                  {formatDateTime(q.createdAt, locale)}
                  {q.firstReplyAt ? <Badge tone="green">{t("answered")}</Badge> : <Badge tone="amber">{t("waiting")}</Badge>}
                </span>
              </div>
              <p className="mt-2 whitespace-pre-wrap">{q.message}</p>
              {q.replies.map((r) => (
                <div key={r.id} className="mt-2 rounded-lg border-l-4 border-brand-500 bg-stone-50 p-2">
                  <p className="text-sm text-stone-600">
                    {r.userName} · {formatDateTime(r.createdAt, locale)}
                  </p>
                  <p className="whitespace-pre-wrap">{r.body}</p>
                </div>
              ))}
              <details className="mt-3" open={!q.firstReplyAt}>
                <summary className="min-h-11 cursor-pointer py-2 text-brand-700">{q.firstReplyAt ? t("replyMore") : t("reply")}</summary>
                <ActionForm
                  progressive
                  action={replyInquiryAction}
                  submitLabel={t("send")}
                  pendingLabel={t("sending")}
                  fields={[
                    { kind: "hidden", name: "inquiryId", value: String(q.id) },
                    { kind: "textarea", name: "body", label: t("replyLabel"), rows: 3 },
                  ]}
                />
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
