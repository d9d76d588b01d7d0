import { randomUUID } from "node:crypto";
import { requestNow } from "@/lib/web/now";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { CardViewLog } from "@/components/consult/card-view-log";
import { CustomerSuggestions } from "@/components/coupons/customer-suggestions";
import { openCodesForCustomer } from "@/lib/coupons/admin";
import { suggestForCustomer } from "@/lib/suggestions/suggestions";
import { suggestedToCustomerAction } from "../../suggestions/actions";
import { AnswerList } from "@/components/consult/answer-list";
import { VisitForm } from "@/components/consult/visit-form";
import { BirthdayForm } from "@/components/loyalty/birthday-form";
import { ReturnList, TierBadge } from "@/components/loyalty/loyalty-views";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { formatAnswer } from "@/lib/consultations/questions";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { listCardAccessLog, loadCustomerCard } from "@/lib/customer-record/card";
import { formatPhone } from "@/lib/customers/phone";
import { birthdayParts } from "@/lib/loyalty/birthday";
import { isAppError } from "@/lib/errors";
import { formatDate, formatDateTime, formatNumber, formatWon } from "@/lib/format";
import { addVisitAction, confirmSubmissionAction, logCardViewAction, redeemPointsAction, setBirthdayAction } from "../actions";
import { Section } from "@/components/ui/section";

export default async function CustomerCardPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("customers", `/admin/customers/${id}`);
  const db = getDb();
  const customerId = Number(id);
  if (!Number.isInteger(customerId) || customerId <= 0) notFound();
  let card;
  try {
    // Rendering only reads; the view is logged once by <CardViewLog> below.
    card = loadCustomerCard({ db, customerId });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  const t = await getTranslations("consult.card");
  const tc = await getTranslations("common");
  const tn = await getTranslations("admin.nav");
  const locale = await getLocale();
  const tsg = await getTranslations("coupons.card");
  const products = listProductsWithOptions({ db, activeOnly: true }).map((p) => ({ id: p.id, name: p.name }));
  const accessLog = can(user.role, "access_log") ? listCardAccessLog({ db, customerId, limit: 50 }) : null;
  const { customer } = card;
  const latestConsent = (kind: string) => card.consents.find((c) => c.kind === kind);

  return (
    <div className="max-w-6xl">
      <CardViewLog customerId={customerId} log={logCardViewAction} />
      <Link href="/admin/customers" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <div className="mt-2 flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-bold" data-testid="card-name">
          {customer.name ?? t("noName")}
        </h1>
        <span className="text-lg text-stone-700">{customer.phone ? formatPhone(customer.phone) : ""}</span>
        <span className="text-sm text-stone-600">{t("since", { at: formatDateTime(customer.createdAt, locale) })}</span>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <Badge tone="brand">{t("purchasesCount", { count: card.totals.purchases })}</Badge>
        <Badge>{t("spent", { amount: formatWon(card.totals.spent, locale) })}</Badge>
        {card.totals.channels.map((c) => (
          <Badge key={c} tone="blue">
            {tc(`channel.${c}`)}
          </Badge>
        ))}
        {card.totals.noShows > 0 && <Badge tone="red">{t("noShows", { count: card.totals.noShows })}</Badge>}
        <Badge tone="green">{t("pointsBadge", { points: formatNumber(card.points.balance, locale) })}</Badge>
        <TierBadge tier={card.tier} />
        {customer.birthday && <Badge>{`${t("birthday")} ${t("birthdayValue", birthdayParts(customer.birthday))}`}</Badge>}
      </div>

      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Section id="card-answers" title={t("answers")} className="lg:col-span-2">
          {card.answers.length === 0 ? (
            <p className="text-stone-600">{t("noAnswers")}</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              {card.answers.map((a) => (
                <div key={a.id} data-testid="card-submission">
                  <h3 className="font-semibold">
                    {a.templateTitle}{" "}
                    <span className="text-sm font-normal text-stone-600">
                      · v{a.version} · {formatDateTime(a.submittedAt, locale)}
                    </span>
                  </h3>
                  {!a.confirmed && (
                    <div className="mt-2 rounded-xl bg-amber-50 p-3" data-testid="card-unconfirmed">
                      <p className="text-sm font-semibold text-amber-900">
                        <Badge tone="red">{t("unconfirmed")}</Badge> {t("unconfirmedNote", { name: a.claimedName ?? "—" })}
                      </p>
                      <ActionForm
                        progressive
                        action={confirmSubmissionAction}
                        submitLabel={t("confirmInPerson")}
                        variant="secondary"
                        fields={[
                          { kind: "hidden", name: "customerId", value: String(customer.id) },
                          { kind: "hidden", name: "submissionId", value: String(a.id) },
                        ]}
                      />
                    </div>
                  )}
                  {a.previous &&
                    (a.changes.length === 0 ? (
                      <p className="mt-1 text-sm text-stone-600">{t("noChanges")}</p>
                    ) : (
                      <div className="mt-2 rounded-xl bg-amber-50 p-3" data-testid="card-changes">
                        <p className="text-sm font-semibold text-amber-900">
                          {t("changesSince", { at: formatDateTime(a.previous.submittedAt, locale) })}
                        </p>
                        <ul className="mt-1 space-y-1 text-sm">
                          {a.changes.map((c) => (
                            <li key={c.questionId}>
                              <span className="font-medium">{c.label}</span>: {formatAnswer(c.question, c.before, locale)} →{" "}
                              <strong>{formatAnswer(c.question, c.after, locale)}</strong>
                            </li>
                          ))}
                        </ul>
                      </div>
                    ))}
                  <AnswerList questions={a.questions} answers={a.answers} locale={locale} highlight={a.changes.map((c) => c.questionId)} />
                </div>
              ))}
            </div>
          )}
        </Section>

        <Section id="card-visit-new" title={t("newVisit")}>
          <VisitForm action={addVisitAction} customerId={customer.id} products={products} />
        </Section>

        <Section id="card-visits" title={t("visits")}>
          {card.visits.length === 0 ? (
            <p className="text-stone-600">{t("noVisits")}</p>
          ) : (
            <ul className="space-y-3" data-testid="card-visits">
              {card.visits.map((v) => {
                const recs = card.recommendations.filter((r) => r.visitId === v.id);
                return (
                  <li key={v.id} className="rounded-xl bg-stone-50 p-3">
                    <p className="text-sm text-stone-600">
                      {formatDateTime(v.visitedAt, locale)} {v.shared && <Badge tone="blue">{t("shared")}</Badge>}
                    </p>
                    {v.done && (
                      <p>
                        <span className="font-semibold">{t("visitDone")}:</span> {v.done}
                      </p>
                    )}
                    {v.productsUsed && (
                      <p>
                        <span className="font-semibold">{t("visitProducts")}:</span> {v.productsUsed}
                      </p>
                    )}
                    {v.notes && (
                      <p className="whitespace-pre-wrap">
                        <span className="font-semibold">{t("visitNotes")}:</span> {v.notes}
                      </p>
                    )}
                    {v.advice && (
                      <p>
                        <span className="font-semibold">{t("visitAdvice")}:</span> {v.advice}
                      </p>
                    )}
                    {recs.length > 0 && (
                      <p>
                        <span className="font-semibold">{t("recommendations")}:</span>{" "}
                        {recs.map((r) => `${r.productName} ×${r.quantity}`).join(", ")}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Section>

        <Section id="card-purchases" title={t("purchases")} className="lg:col-span-2">
          {card.purchases.length === 0 ? (
            <p className="text-stone-600">{t("noPurchases")}</p>
          ) : (
            <table className="w-full text-left" data-testid="card-purchases">
              <thead>
                <tr className="border-b border-stone-200 text-sm text-stone-600">
                  <th className="py-2 pr-2">{t("date")}</th>
                  <th className="py-2 pr-2">{t("channel")}</th>
                  <th className="py-2 pr-2">{t("status")}</th>
                  <th className="py-2 pr-2 text-right">{t("total")}</th>
                  <th className="py-2 text-right">{t("pointsEarned")}</th>
                  {can(user.role, "counter") && (
                    <th className="py-2 text-right">
                      <span className="sr-only">{t("returnAction")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {card.purchases.map((p) => (
                  <tr key={`${p.kind}-${p.id}`} className="border-b border-stone-100">
                    <td className="py-2 pr-2">
                      {formatDate(p.date, locale)} {p.code && <span className="font-mono text-sm text-stone-600">{p.code}</span>}
                    </td>
                    <td className="py-2 pr-2">{tc(`channel.${p.channel}`)}</td>
                    <td className="py-2 pr-2">
                      {p.status === "sold" ? t("sold") : <Badge tone={STATUS_TONES[p.status]}>{tc(`status.${p.status}`)}</Badge>}{" "}
                      {p.claim && (
                        <span data-testid="card-claim">
                          <Badge tone={p.claim === "confirmed" ? "blue" : "red"}>
                            {t(p.claim === "confirmed" ? "claimConfirmed" : "claimUnconfirmed")}
                          </Badge>
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-2 text-right">{formatWon(p.total, locale)}</td>
                    <td className="py-2 text-right">{p.pointsEarned ? `+${p.pointsEarned}P` : ""}</td>
                    {can(user.role, "counter") && (
                      <td className="py-2 text-right">
                        {(p.status === "picked_up" || p.status === "sold") && (
                          <Link
                            href={`/admin/returns/new?${p.kind === "order" ? "order" : "sale"}=${p.id}&back=/admin/customers/${customer.id}`}
                            className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
                          >
                            {t("returnAction")}
                          </Link>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>

        <Section id="card-returns" title={t("returns")} className="lg:col-span-2">
          <ReturnList returns={card.returns} testId="card-returns" />
        </Section>

        <Section id="card-suggestions" title={tsg("title")}>
          <CustomerSuggestions
            customerId={customerId}
            suggestions={suggestForCustomer({ db, now: requestNow(), customerId })}
            codes={openCodesForCustomer({ db, customerId })}
            suggestedAction={suggestedToCustomerAction}
          />
        </Section>

        <Section id="card-birthday" title={t("birthday")}>
          <BirthdayForm
            action={setBirthdayAction}
            owner={{ name: "customerId", value: String(customer.id) }}
            birthday={customer.birthday}
            label={t("birthdayLabel")}
            hint={t("birthdayHint")}
            submitLabel={t("saveBirthday")}
            testId="birthday-form"
          />
        </Section>

        <Section id="card-points" title={t("points")}>
          <p className="text-2xl font-bold" data-testid="card-points-balance">
            {formatNumber(card.points.balance, locale)}P
          </p>
          {can(user.role, "counter") && (
            <div className="mt-3">
              <ActionForm
                progressive
                action={redeemPointsAction}
                submitLabel={t("redeem")}
                testId="redeem-form"
                fields={[
                  { kind: "hidden", name: "customerId", value: String(customer.id) },
                  // A fresh key per render: a double tap or a retry of this form spends once.
                  { kind: "hidden", name: "requestKey", value: randomUUID() },
                  { kind: "number", name: "points", label: t("redeemPoints"), inputMode: "numeric", min: 1, hint: t("redeemHint") },
                ]}
              />
            </div>
          )}
          {card.points.ledger.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm">
              {card.points.ledger.map((e) => (
                <li key={e.id} className="flex justify-between gap-2">
                  <span>
                    {formatDateTime(e.createdAt, locale)} · {t(`ledger.${e.reason}`)}{" "}
                    {e.sourceType !== "manual" && <span className="text-stone-600">({t(`ledgerSource.${e.sourceType}`)})</span>}
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

        <Section id="card-profile" title={t("profile")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-stone-600">{t("marketing")}</dt>
            <dd>{customer.marketingConsent ? t("agreed") : t("notAgreed")}</dd>
            {(["privacy", "consultation", "marketing"] as const).map((kind) => {
              const c = latestConsent(kind);
              return (
                <div key={kind} className="contents">
                  <dt className="text-stone-600">{t(`consentKind.${kind}`)}</dt>
                  <dd>
                    {c ? `${c.granted ? t("agreed") : t("notAgreed")} · v${c.version} · ${formatDateTime(c.createdAt, locale)}` : "—"}
                  </dd>
                </div>
              );
            })}
          </dl>
        </Section>

        <Section id="card-reviews" title={t("reviews")}>
          {card.reviews.length === 0 ? (
            <p className="text-stone-600">{t("noReviews")}</p>
          ) : (
            <ul className="space-y-2">
              {card.reviews.map((r) => (
                <li key={r.id}>
                  <span className="text-brand-600" aria-label={t("ratingOf", { rating: r.rating })}>
                    {"★".repeat(r.rating)}
                  </span>{" "}
                  <span className="text-sm text-stone-600">
                    {r.orderCode} · {formatDate(r.pickupDate, locale)}
                  </span>
                  {r.comment && <p>{r.comment}</p>}
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section id="card-inquiries" title={t("inquiries")}>
          {card.inquiries.length === 0 ? (
            <p className="text-stone-600">{t("noInquiries")}</p>
          ) : (
            <ul className="space-y-2">
              {card.inquiries.map((q) => (
                <li key={q.id}>
                  <p className="text-sm text-stone-600">
                    {formatDateTime(q.createdAt, locale)} · {q.firstReplyAt ? t("answered") : t("unanswered")}
                  </p>
                  <p className="whitespace-pre-wrap">{q.message}</p>
                </li>
              ))}
            </ul>
          )}
          <Link href="/admin/inquiries" className="mt-2 inline-flex min-h-11 items-center text-sm text-brand-700 underline">
            {tn("inquiries")}
          </Link>
        </Section>

        {accessLog && (
          <Section id="card-access" title={t("accessLog")} className="lg:col-span-2">
            <ul className="space-y-1 text-sm" data-testid="card-access-log">
              {accessLog.map((r) => (
                <li key={r.id}>
                  {formatDateTime(r.at, locale)} · {r.userName} ({tn(`role.${r.userRole}`)})
                </li>
              ))}
            </ul>
          </Section>
        )}
      </div>
    </div>
  );
}
