import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader, Section } from "@/components/admin/page-header";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { EditOrder } from "@/components/storefront/order-actions";
import { Notice } from "@/components/ui/notice";
import { requirePagePermission } from "@/lib/auth/session";
import { couponUseOf } from "@/lib/coupons/apply";
import { isAppError } from "@/lib/errors";
import { formatDate, formatDateTime, formatWon } from "@/lib/format";
import { particle } from "@/lib/korean-particle";
import { getOrderDetail, phoneOrderDates } from "@/lib/orders/admin";
import { orderLinesAsInput } from "@/lib/orders/edit-order";
import { systemNote } from "@/lib/orders/event-notes";
import { canTransition } from "@/lib/orders/status";
import { getShopSettings } from "@/lib/shop/settings";
import { cancelOrderAction, editOrderStaffAction, setPaymentAction } from "../actions";
import { ReturnList } from "@/components/loyalty/loyalty-views";
import { listReturns } from "@/lib/returns/returns";

function load(id: number) {
  try {
    return getOrderDetail({ db: getDb(), id });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
}

export default async function OrderDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string }>;
}) {
  const { id } = await params;
  await requirePagePermission("orders", `/admin/orders/${id}`);
  const orderId = Number(id);
  if (!Number.isInteger(orderId) || orderId <= 0) notFound();
  const { order, customer, items, events } = load(orderId);
  const t = await getTranslations("admin.orders");
  const tc = await getTranslations("common");
  const noteText = (note: string) => {
    const system = systemNote(note);
    return system ? t(`eventNote.${system.key}`, { slot: system.slot }) : note;
  };
  const locale = await getLocale();
  const tz = getShopSettings({ db: getDb() }).timezone;
  const tcoupon = await getTranslations("coupons.order");
  const coupon = order.discount > 0 ? couponUseOf({ db: getDb(), orderId: order.id }) : null;
  const { placed } = await searchParams;
  // Staff may change an order until it is handed over; a bag on the rack keeps its date.
  const editable = order.status === "placed" || order.status === "ready" || order.status === "arrived";
  const currentSlot = `${order.slotStart}-${order.slotEnd}`;
  const editChoices = editable
    ? phoneOrderDates({ db: getDb() })
        .filter((d) => order.status === "placed" || d.date === order.pickupDate)
        .map((d) => ({
          date: d.date,
          label: formatDate(d.date, locale),
          slots: d.slots
            .filter((s) => s.remaining > 0 || (d.date === order.pickupDate && s.label === currentSlot))
            .map((s) => ({ slot: s.label, remaining: s.remaining })),
        }))
        .filter((d) => d.slots.length > 0)
    : [];
  const change = (from: string | null, to: string) => t("changeEvent", { from: tc(`status.${from}`), to: tc(`status.${to}`) });
  const eventTitle = (e: (typeof events)[number]) => {
    if (e.kind === "undo") return t("undoEvent", { from: tc(`status.${e.fromStatus}`), to: tc(`status.${e.toStatus}`) });
    if (e.kind === "payment" && e.amount !== null)
      return t("onlinePaymentEvent", { total: formatWon(e.amount, locale), method: e.providerMethod ?? "—" });
    if (e.kind === "payment") return t("paymentEvent", { status: tc(`payment.${e.paymentStatus ?? "unpaid"}`) });
    if (e.kind === "refund") return t("refundEvent", { total: formatWon(e.amount ?? 0, locale) });
    if (e.kind === "edit") return t("editEvent");
    if (e.kind === "rack_slot_assigned")
      return e.fromRackSlot
        ? t("rackMoveEvent", { from: e.fromRackSlot, to: e.rackSlot ?? "—" })
        : t("rackSlotEvent", { slot: e.rackSlot ?? "—" });
    return e.fromStatus ? change(e.fromStatus, e.toStatus) : t("placedEvent");
  };

  return (
    <div className="max-w-5xl">
      <Link
        href={`/admin/orders?date=${order.pickupDate}`}
        className="mb-2 inline-flex min-h-11 items-center text-brand-700 hover:underline"
      >
        ← {formatDate(order.pickupDate, locale)} {t("title")}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono">{t("detailTitle", { code: order.code })}</span>
            <Badge tone={STATUS_TONES[order.status]}>{tc(`status.${order.status}`)}</Badge>
            <Badge tone={order.paymentStatus === "paid" ? "green" : "neutral"}>{tc(`payment.${order.paymentStatus}`)}</Badge>
            <Badge>{tc(`channel.${order.channel}`)}</Badge>
          </span>
        }
      />
      {order.status === "picked_up" && (
        <section
          aria-labelledby="order-returns"
          className="mb-4 rounded-2xl border border-stone-200 bg-white p-4"
          data-testid="order-returns"
        >
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h2 id="order-returns" className="text-lg font-bold">
              {t("returns")}
            </h2>
            <Link
              href={`/admin/returns/new?order=${order.id}&back=/admin/orders/${order.id}`}
              className="inline-flex min-h-11 items-center rounded-xl border border-stone-300 bg-white px-3 font-semibold"
            >
              {t("recordReturn")}
            </Link>
          </div>
          <ReturnList returns={listReturns({ db: getDb(), orderId: order.id })} testId="order-return-list" />
        </section>
      )}
      {placed && (
        <div className="mb-4">
          <Notice tone="success" testId="order-placed">
            {t("placed", { code: order.code, codeParticle: particle(order.code, "을/를") })}
          </Notice>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <Section>
            <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
              <div>
                <dt className="text-sm text-stone-600">{t("pickup")}</dt>
                <dd className="font-semibold">
                  {formatDate(order.pickupDate, locale)} {order.slotStart}–{order.slotEnd}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-stone-600">{t("customer")}</dt>
                <dd className="font-semibold" data-testid="order-customer">
                  {customer?.name ?? "—"}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-stone-600">{t("phone")}</dt>
                <dd className="font-semibold tabular-nums">
                  {customer?.phone ? (
                    <a href={`tel:${customer.phone}`} className="text-brand-700 hover:underline">
                      {customer.phone}
                    </a>
                  ) : (
                    "—"
                  )}
                </dd>
              </div>
              {order.rackSlot && (
                <div>
                  <dt className="text-sm text-stone-600">{t("rackSlot")}</dt>
                  <dd className="font-mono font-semibold">{order.rackSlot}</dd>
                </div>
              )}
              {order.note && (
                <div className="col-span-full">
                  <dt className="text-sm text-stone-600">{t("note")}</dt>
                  <dd className="whitespace-pre-wrap">{order.note}</dd>
                </div>
              )}
              {order.cancelReason && (
                <div className="col-span-full">
                  <dt className="text-sm text-stone-600">{t("cancelReason")}</dt>
                  <dd className="whitespace-pre-wrap text-red-800">{order.cancelReason}</dd>
                </div>
              )}
            </dl>
          </Section>
          <Section title={t("items")}>
            <table className="w-full text-left" data-testid="order-items">
              <thead className="text-sm text-stone-600">
                <tr>
                  <th className="pb-2 font-semibold">{t("items")}</th>
                  <th className="pb-2 text-right font-semibold">{t("unitPrice")}</th>
                  <th className="pb-2 text-right font-semibold">{t("quantity")}</th>
                  <th className="pb-2 text-right font-semibold">{t("lineTotal")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {items.map((i) => (
                  <tr key={i.id}>
                    <td className="py-2">
                      <span className="font-semibold">{i.productName}</span>
                      {i.options.length > 0 && (
                        <span className="block text-sm text-stone-600">{i.options.map((o) => `${o.group}: ${o.choice}`).join(" · ")}</span>
                      )}
                    </td>
                    <td className="py-2 text-right tabular-nums">{formatWon(i.unitPrice, locale)}</td>
                    <td className="py-2 text-right tabular-nums">{i.quantity}</td>
                    <td className="py-2 text-right tabular-nums">{formatWon(i.lineTotal, locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                {coupon && (
                  <tr className="border-t-2 border-stone-200" data-testid="order-discount">
                    <td colSpan={3} className="pt-2">
                      {tcoupon("couponLine", { code: coupon.code, name: coupon.name })}
                    </td>
                    <td className="pt-2 text-right tabular-nums">−{formatWon(order.discount, locale)}</td>
                  </tr>
                )}
                <tr className="border-t-2 border-stone-200">
                  <td colSpan={3} className="pt-2 font-bold">
                    {t("total")}
                  </td>
                  <td className="pt-2 text-right text-lg font-bold tabular-nums" data-testid="order-total">
                    {formatWon(order.total, locale)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </Section>
          <Section title={t("timeline")}>
            <ol className="space-y-3" data-testid="order-timeline">
              {events.map((e) => (
                <li key={e.id} className="flex flex-wrap gap-x-4 gap-y-1 border-l-4 border-brand-100 pl-3">
                  <span className="w-48 text-sm text-stone-600 tabular-nums">{formatDateTime(e.at, locale, tz)}</span>
                  <span className="font-semibold">{eventTitle(e)}</span>
                  <span className="text-stone-600">
                    {e.actorType === "user" ? t("actor.user", { name: e.actorName ?? "—" }) : t(`actor.${e.actorType}`)}
                  </span>
                  {e.kind !== "rack_slot_assigned" && e.rackSlot && (
                    <span className="basis-full text-sm text-stone-700">{t("rackOn", { slot: e.rackSlot })}</span>
                  )}
                  {e.kind !== "rack_slot_assigned" && e.fromRackSlot && (
                    <span className="basis-full text-sm text-stone-700">{t("rackOff", { slot: e.fromRackSlot })}</span>
                  )}
                  {e.note && <span className="basis-full text-sm text-stone-700">{noteText(e.note)}</span>}
                </li>
              ))}
            </ol>
          </Section>
        </div>
        <aside className="min-w-0 space-y-6">
          <Section title={t("payment")}>
            {order.paymentStatus === "paid" && order.paymentMethod && (
              <p className="mb-2 font-semibold" data-testid="payment-method">
                {t("paymentMethod")}: {t(`methods.${order.paymentMethod}`)}
              </p>
            )}
            {order.prepaidAmount > 0 && (
              <p className="mb-2" data-testid="prepaid-summary">
                {t("prepaidSummary", { total: formatWon(order.prepaidAmount, locale), refunded: formatWon(order.refundedAmount, locale) })}
                {order.refundOwed > order.refundedAmount &&
                  ` · ${t("refundPending", { total: formatWon(order.refundOwed - order.refundedAmount, locale) })}`}
              </p>
            )}
            {order.status === "awaiting_payment" && <p className="mb-2 font-semibold text-amber-900">{t("awaitingPayment")}</p>}
            {order.prepaidAmount === 0 && (
              <ActionForm
                action={setPaymentAction}
                hidden={{ id: order.id, paymentStatus: order.paymentStatus === "paid" ? "unpaid" : "paid" }}
                submitLabel={order.paymentStatus === "paid" ? t("markUnpaid") : t("markPaid")}
                variant={order.paymentStatus === "paid" ? "secondary" : "primary"}
                className="space-y-2"
                buttonClassName="w-full"
              >
                {order.paymentStatus !== "paid" && (
                  <SelectField label={t("paymentMethod")} name="paymentMethod" defaultValue="card">
                    {(["card", "cash", "transfer"] as const).map((m) => (
                      <option key={m} value={m}>
                        {t(`methods.${m}`)}
                      </option>
                    ))}
                  </SelectField>
                )}
              </ActionForm>
            )}
          </Section>
          {canTransition(order.status, "cancelled") && (
            <Section title={t("cancelTitle")} testId="cancel-order">
              <ActionForm
                action={cancelOrderAction}
                hidden={{ id: order.id }}
                submitLabel={t("cancelButton")}
                variant="danger"
                confirm={t("cancelConfirm")}
                className="space-y-3"
                buttonClassName="w-full"
              >
                <TextAreaField label={t("cancelReasonLabel")} name="reason" required maxLength={200} hint={t("cancelReasonHint")} />
              </ActionForm>
            </Section>
          )}
          {editChoices.length > 0 && (
            <Section title={t("editTitle")} testId="edit-order-staff">
              <p className="mb-3 text-sm text-stone-600">{t("editHint")}</p>
              <EditOrder
                titled={false}
                hidden={{ id: order.id }}
                action={editOrderStaffAction}
                current={`${order.pickupDate}|${currentSlot}`}
                choices={editChoices}
                lines={orderLinesAsInput({ db: getDb(), orderId: order.id }).map((l) => ({ name: l.name, quantity: l.quantity }))}
              />
            </Section>
          )}
        </aside>
      </div>
    </div>
  );
}
