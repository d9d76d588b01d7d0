import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { placeholdersFor, preparedQuery } from "@/db/prepared";
import { consentTexts, consents, type ConsentText } from "@/db/schema";

type ConsentKind = ConsentText["kind"];

/** Wording used until the owner publishes their own (version 1 of each kind). */
export const DEFAULT_CONSENT_TEXTS: Record<ConsentKind, string> = {
  privacy:
    "[필수] 개인정보 수집·이용 동의: 픽업 주문 확인과 안내를 위해 이름과 휴대전화 번호를 수집합니다. " +
    "주문 완료 후 5년간(전자상거래법에 따른 거래 기록) 보관하며, '내 정보'에서 언제든 확인·수정·삭제를 요청할 수 있습니다.",
  marketing:
    "[선택] 마케팅 정보 수신 동의: 신상품, 내일의 빵 목록, 할인 소식을 문자로 받습니다. 동의하지 않아도 주문할 수 있으며 언제든 철회할 수 있습니다.",
  marketing_night:
    "[선택] 야간 광고 수신 동의: 밤 9시부터 아침 8시 사이에도 광고성 알림을 받습니다. 동의하지 않으면 그 시간의 알림은 아침 8시에 보내 드립니다.",
  consultation:
    "[필수] 상담 정보 수집·이용 동의: 더 잘 맞는 상담과 추천을 위해 상담표 응답과 방문 기록을 보관합니다. " +
    "'내 정보'에서 언제든 확인·수정·삭제할 수 있습니다.",
};

const CONSENT_KINDS = Object.keys(DEFAULT_CONSENT_TEXTS) as ConsentKind[];

/**
 * Version 1 of every consent kind, from the defaults, where none exists. Written at set-up
 * (and by the migration that introduced this rule), so pages only read consent texts.
 */
export function ensureConsentTexts({ db }: { db: DbOrTx }): void {
  for (const kind of CONSENT_KINDS) {
    db.insert(consentTexts).values({ kind, version: 1, body: DEFAULT_CONSENT_TEXTS[kind] }).onConflictDoNothing().run();
  }
}

/** The current text of a consent kind (the highest version). Reads only: the texts exist from set-up on. */
export function currentConsentText({ db, kind }: { db: DbOrTx; kind: ConsentKind }): ConsentText {
  const row = preparedQuery(db, "consent-texts.current", (q) =>
    q
      .select()
      .from(consentTexts)
      .where(eq(consentTexts.kind, sql.placeholder("kind")))
      .orderBy(desc(consentTexts.version))
      .limit(1)
      .prepare(),
  ).get({ kind });
  if (!row) throw new Error(`consent text "${kind}" is missing: run the migrations`);
  return row;
}

/** Store one consent decision with the exact text version shown. */
export function recordConsent({
  db,
  customerId,
  kind,
  granted,
  source,
  at,
}: {
  db: DbOrTx;
  customerId: number;
  kind: ConsentKind;
  granted: boolean;
  source: string;
  at: number;
}): void {
  const text = currentConsentText({ db, kind });
  const values = { customerId, consentTextId: text.id, granted, source, createdAt: at };
  preparedQuery(db, "consents.insert", (q) => q.insert(consents).values(placeholdersFor(values)).prepare()).run(values);
}

/**
 * Whether the customer currently agrees to marketing messages: the latest marketing decision
 * in the consent log (no decision = no). The log is the one source of truth, whatever the
 * channel that wrote it (order, consultation, my page, staff).
 */
export function marketingConsent({ db, customerId }: { db: DbOrTx; customerId: number }): boolean {
  const latest = db
    .select({ granted: consents.granted })
    .from(consents)
    .innerJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
    .where(and(eq(consents.customerId, customerId), eq(consentTexts.kind, "marketing")))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(1)
    .get();
  return latest?.granted ?? false;
}
