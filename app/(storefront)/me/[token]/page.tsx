import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { AnswerList } from "@/components/consult/answer-list";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { diffAnswers } from "@/lib/consultations/changes";
import { formatAnswer } from "@/lib/consultations/questions";
import { submissionHistories } from "@/lib/consultations/submissions";
import { cartHref } from "@/lib/consultations/visits";
import { listTemplates } from "@/lib/consultations/templates";
import { findCustomerByToken } from "@/lib/customers/customers";
import { formatPhone } from "@/lib/customers/phone";
import { birthdayParts } from "@/lib/loyalty/birthday";
import { BirthdayForm } from "@/components/loyalty/birthday-form";
import { loadMyData } from "@/lib/customer-record/privacy";
import { formatDate, formatDateTime, formatNumber, formatWon } from "@/lib/format";
import { findShopSettings } from "@/lib/shop/settings";
import { requestNow } from "@/lib/web/now";
import { DEFAULT_TIMEZONE, localDate } from "@/lib/shop/time";
import { usableCodesForCustomer } from "@/lib/coupons/admin";
import { correctNameAction, deleteMyDataAction, confirmSubmissionAction, setBirthdayAction, withdrawMarketingAction } from "./actions";
import { Section } from "@/components/ui/section";
import { ReturnList, TierProgress } from "@/components/loyalty/loyalty-views";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("common.meta"))("me"), robots: { index: false } };
}

export default async function MyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("consult.me");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const db = getDb();
  if (token === "deleted") {
    return (
      <main className="py-4">
        <h1 className="text-2xl font-bold">{t("deletedTitle")}</h1>
        <p className="mt-3 text-base" data-testid="me-deleted">
          {t("deletedBody")}
        </p>
        <Link href="/" className={buttonClass("secondary", "mt-6")}>
          {tc("goHome")}
        </Link>
      </main>
    );
  }
  const customer = findCustomerByToken({ db, token });
  if (!customer || customer.deletedAt) notFound();
  const data = loadMyData({ db, token });
  const shop = findShopSettings({ db });
  const templates = listTemplates({ db }).filter((tpl) => tpl.active);
  const answeredIds = new Set(data.submissions.map((s) => s.templateId));
  const now = requestNow();
  const today = localDate(now, shop?.timezone ?? DEFAULT_TIMEZONE);
  const coupons = usableCodesForCustomer({ db, customerId: customer.id, now });
  const histories = submissionHistories(data.submissions);

  return (
    <main className="space-y-4 pb-6">
      <header>
        <p className="text-sm font-semibold text-brand-700">{shop?.name}</p>
        <h1 className="mt-1 text-2xl font-bold">{t("title", { name: data.profile.name ?? t("guest") })}</h1>
        <p className="mt-1 text-sm text-stone-600">{t("privateNote")}</p>
      </header>

      <Section id="me-recs" title={t("recommendations")}>
        {data.recommendations.length === 0 ? (
          <p className="text-stone-600">{t("noRecommendations")}</p>
        ) : (
          <>
            <ul className="divide-y divide-stone-100" data-testid="me-recommendations">
              {data.recommendations.map((r) => (
                <li key={r.id} className="flex items-baseline justify-between gap-3 py-2">
                  <span>
                    <span className="font-semibold">{r.productName}</span> × {r.quantity}
                    {r.note && <span className="block text-sm text-stone-600">{r.note}</span>}
                  </span>
                  <span className="shrink-0 text-sm text-stone-600">{formatWon(r.price * r.quantity, locale)}</span>
                </li>
              ))}
            </ul>
            {data.cart && (
              <Link href={cartHref(data.cart)} className={buttonClass("primary", "mt-3 w-full")} data-testid="me-order-recs">
                {t("orderForPickup")}
              </Link>
            )}
          </>
        )}
      </Section>

      <Section id="me-points" title={t("points")}>
        <p className="text-2xl font-bold" data-testid="me-points-balance">
          {t("pointsValue", { points: data.points.balance.toLocaleString("ko-KR") })}
        </p>
        <div className="mt-2">
          <TierProgress tier={data.tier} testId="me-tier" />
        </div>
        {data.points.ledger.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm text-stone-700">
            {data.points.ledger.slice(0, 10).map((e, i) => (
              <li key={i} className="flex justify-between">
                <span>
                  {formatDateTime(e.createdAt, locale)} · {t(`pointsReason.${e.reason}`)}
                </span>
                <span className={e.delta < 0 ? "text-red-700" : "text-green-800"}>
                  {e.delta > 0 ? "+" : ""}
                  {formatNumber(e.delta, locale)}P
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      {coupons.length > 0 && (
        <Section id="me-coupons" title={t("coupons")}>
          <ul className="divide-y divide-stone-100" data-testid="me-coupons">
            {coupons.map((c) => (
              <li key={c.code} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
                <span className="font-semibold">{c.name}</span>
                <span className="text-sm text-stone-600">
                  {c.validFrom > today
                    ? t("couponFrom", { date: formatDate(c.validFrom, locale) })
                    : c.endsOn
                      ? t("couponUntil", { date: formatDate(c.endsOn, locale) })
                      : null}
                </span>
                <span className="w-full font-mono text-lg tracking-wider select-all">{t("couponCode", { code: c.code })}</span>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-stone-600">{t("couponHowTo")}</p>
        </Section>
      )}

      <Section id="me-consult" title={t("consultations")}>
        {templates.length > 0 && (
          <ul className="mb-3 space-y-2">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <Link href={`/c/${tpl.slug}?t=${token}`} className={buttonClass("secondary", "w-full justify-between")}>
                  <span>{tpl.title}</span>
                  <span className="text-sm font-normal text-stone-600">{answeredIds.has(tpl.id) ? t("updateAnswers") : t("fillIn")}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {histories.map((history) => {
          const [latest] = history;
          return (
            <details key={latest.id} className="mt-2 rounded-xl border border-stone-200 p-3" data-testid="me-submission">
              <summary className="min-h-11 cursor-pointer py-2 font-semibold">
                {latest.templateTitle} · {formatDateTime(latest.submittedAt, locale)}
                {history.length > 1 && (
                  <span className="font-normal text-stone-600"> · {t("editedTimes", { count: history.length - 1 })}</span>
                )}
              </summary>
              {!latest.confirmed && (
                <div className="my-2 rounded-xl bg-amber-50 p-3" data-testid="me-unconfirmed">
                  <p className="text-sm text-amber-900">{t("unconfirmedNote")}</p>
                  <ActionForm
                    progressive
                    action={confirmSubmissionAction}
                    submitLabel={t("confirmSubmission")}
                    variant="secondary"
                    fields={[
                      { kind: "hidden", name: "token", value: token },
                      { kind: "hidden", name: "submissionId", value: String(latest.id) },
                    ]}
                  />
                </div>
              )}
              <AnswerList questions={latest.questions} answers={latest.answers} locale={locale} />
              {history.length > 1 && (
                <div className="mt-3 border-t border-stone-100 pt-3">
                  <h3 className="font-semibold">{t("editHistory")}</h3>
                  <ol className="mt-2 space-y-2" data-testid="me-submission-history">
                    {history.map((s, i) => {
                      const older = history[i + 1];
                      const changes = older ? diffAnswers({ previous: older, current: s }) : [];
                      return (
                        <li key={s.id} className="rounded-lg bg-stone-50 p-2 text-sm" data-testid="me-submission-entry">
                          <p className="font-medium">
                            {formatDateTime(s.submittedAt, locale)} {i === 0 && <Badge tone="blue">{t("latest")}</Badge>}
                          </p>
                          {!older ? (
                            <p className="text-stone-600">{t("firstSubmitted")}</p>
                          ) : changes.length === 0 ? (
                            <p className="text-stone-600">{t("sameAnswers")}</p>
                          ) : (
                            <ul className="mt-1 space-y-0.5">
                              {changes.map((c) => (
                                <li key={c.questionId}>
                                  <span className="text-stone-600">{c.label}</span>: {formatAnswer(c.question, c.before, locale)} →{" "}
                                  <strong>{formatAnswer(c.question, c.after, locale)}</strong>
                                </li>
                              ))}
                            </ul>
                          )}
                        </li>
                      );
                    })}
                  </ol>
                </div>
              )}
            </details>
          );
        })}
      </Section>

      {data.visits.length > 0 && (
        <Section id="me-visits" title={t("visits")}>
          <ul className="space-y-3" data-testid="me-visits">
            {data.visits.map((v) => (
              <li key={v.id} className="rounded-xl bg-stone-50 p-3 text-base">
                <p className="text-sm text-stone-600">{formatDateTime(v.visitedAt, locale)}</p>
                {v.done && (
                  <p>
                    <span className="font-semibold">{t("visitDone")}</span> {v.done}
                  </p>
                )}
                {v.productsUsed && (
                  <p>
                    <span className="font-semibold">{t("visitProducts")}</span> {v.productsUsed}
                  </p>
                )}
                {v.notes && (
                  <p>
                    <span className="font-semibold">{t("visitNotes")}</span> {v.notes}
                  </p>
                )}
                {v.advice && (
                  <p>
                    <span className="font-semibold">{t("visitAdvice")}</span> {v.advice}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="me-orders" title={t("orders")}>
        {data.purchases.length === 0 ? (
          <p className="text-stone-600">{t("noOrders")}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {data.purchases.map((p) => (
              <li key={`${p.kind}-${p.id}`} className="py-2">
                <div className="flex items-center justify-between gap-2">
                  <span>
                    {formatDate(p.date, locale)} · {tc(`channel.${p.channel}`)}
                  </span>
                  <span className="font-semibold">{formatWon(p.total, locale)}</span>
                </div>
                <div className="mt-1 flex items-center gap-2 text-sm text-stone-600">
                  {p.status !== "sold" && <Badge tone={STATUS_TONES[p.status]}>{tc(`status.${p.status}`)}</Badge>}
                  <span>{p.items.map((i) => `${i.name} ×${i.quantity}`).join(", ")}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="me-returns" title={t("returns")}>
        <ReturnList returns={data.returns} testId="me-returns" />
      </Section>

      <Section id="me-inquiries" title={t("inquiries")}>
        {data.inquiries.length === 0 ? (
          <p className="text-stone-600">{t("noInquiries")}</p>
        ) : (
          <ul className="space-y-3" data-testid="me-inquiries">
            {data.inquiries.map((q) => (
              <li key={q.id} className="rounded-xl bg-stone-50 p-3">
                <p className="text-sm text-stone-600">{formatDateTime(q.createdAt, locale)}</p>
                <p className="whitespace-pre-wrap">{q.message}</p>
                {q.replies.length === 0 ? (
                  <p className="mt-2 text-sm text-stone-600">{t("waitingReply")}</p>
                ) : (
                  q.replies.map((r) => (
                    <div key={r.id} className="mt-2 rounded-lg border-l-4 border-brand-500 bg-white p-2">
                      <p className="text-sm font-semibold text-brand-700">
                        {t("shopReply")} · {formatDateTime(r.createdAt, locale)}
                      </p>
                      <p className="whitespace-pre-wrap">{r.body}</p>
                    </div>
                  ))
                )}
              </li>
            ))}
          </ul>
        )}
        <Link href={`/inquiry?t=${token}`} className={buttonClass("secondary", "mt-3 w-full")}>
          {t("ask")}
        </Link>
      </Section>

      <Section id="me-profile" title={t("myInfo")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
          <dt className="text-stone-600">{t("name")}</dt>
          <dd data-testid="me-name">{data.profile.name ?? "—"}</dd>
          <dt className="text-stone-600">{t("phone")}</dt>
          <dd>{data.profile.phone ? formatPhone(data.profile.phone) : "—"}</dd>
          <dt className="text-stone-600">{t("birthday")}</dt>
          <dd data-testid="me-birthday">{data.profile.birthday ? t("birthdayValue", birthdayParts(data.profile.birthday)) : "—"}</dd>
          <dt className="text-stone-600">{t("marketing")}</dt>
          <dd>{data.profile.marketingConsent ? t("agreed") : t("notAgreed")}</dd>
          <dt className="text-stone-600">{t("since")}</dt>
          <dd>{formatDateTime(data.profile.createdAt, locale)}</dd>
        </dl>
        <h3 className="mt-4 font-semibold">{t("consents")}</h3>
        <ul className="mt-1 space-y-1 text-sm text-stone-700">
          {data.consents.map((c) => (
            <li key={c.id}>
              {formatDateTime(c.createdAt, locale)} · {t(`consentKind.${c.kind}`)} v{c.version} · {c.granted ? t("agreed") : t("notAgreed")}
            </li>
          ))}
        </ul>
        <div className="mt-4 space-y-4 border-t border-stone-100 pt-4">
          <ActionForm
            progressive
            action={correctNameAction}
            submitLabel={t("fixName")}
            variant="secondary"
            resetOnSuccess={false}
            fields={[
              { kind: "hidden", name: "token", value: token },
              { kind: "text", name: "name", label: t("newName"), defaultValue: data.profile.name ?? "", autoComplete: "name" },
            ]}
          />
          <BirthdayForm
            action={setBirthdayAction}
            owner={{ name: "token", value: token }}
            birthday={data.profile.birthday}
            label={t("birthdayLabel")}
            hint={t("birthdayHint")}
            submitLabel={t("saveBirthday")}
            testId="me-birthday-form"
          />
          {data.profile.marketingConsent && (
            <ActionForm
              progressive
              action={withdrawMarketingAction}
              submitLabel={t("withdrawMarketing")}
              variant="secondary"
              fields={[{ kind: "hidden", name: "token", value: token }]}
            />
          )}
          <a href={`/me/${token}/export`} className={buttonClass("ghost")} download>
            {t("export")}
          </a>
        </div>
      </Section>

      <Section id="me-delete" title={t("deleteTitle")}>
        <p className="mb-3 text-base text-stone-700">{t("deleteBody")}</p>
        <ActionForm
          progressive
          action={deleteMyDataAction}
          submitLabel={t("deleteButton")}
          variant="danger"
          testId="me-delete-form"
          fields={[
            { kind: "hidden", name: "token", value: token },
            { kind: "checkbox", name: "confirm", label: t("deleteConfirm") },
          ]}
        />
      </Section>
    </main>
  );
}
