import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { KeepLink } from "@/components/storefront/keep-link";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { findCustomerByToken } from "@/lib/customers/customers";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("consult.inquiry");
  // The address may carry the customer's private link.
  return { title: t("sentTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** After an inquiry: where the answer will appear, and how to keep that page. */
export default async function InquirySentPage({ searchParams }: { searchParams: Promise<{ me?: string }> }) {
  const { me } = await searchParams;
  const t = await getTranslations("consult.inquiry");
  const ts = await getTranslations("storefront");
  const customer = typeof me === "string" && me ? findCustomerByToken({ db: getDb(), token: me }) : undefined;
  const token = customer && !customer.deletedAt ? customer.token : null;
  return (
    <main className="space-y-5 pb-6">
      <h1 className="text-2xl font-bold">{t("sentTitle")}</h1>
      <Notice tone="success" testId="inquiry-sent">
        {t("sent")}
      </Notice>
      {token ? (
        <>
          <p className="text-base">{t("answerWhere")}</p>
          <Link href={`/me/${token}#me-inquiries`} className={buttonClass("primary", "w-full")} data-testid="answer-link">
            {t("answerLink")}
          </Link>
          <KeepLink path={`/me/${token}`} body={ts("keepBodyMe")} />
        </>
      ) : (
        <p className="text-base text-stone-700" data-testid="answer-by-order">
          {t("answerByOrder")}
        </p>
      )}
      <div className="text-center">
        <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">
          {ts("backToShop")}
        </Link>
      </div>
    </main>
  );
}
