/**
 * The owner's product editing: the product row and its option groups and choices are
 * written together in one transaction, so a half-saved option list never reaches the
 * storefront. Past orders keep their own snapshot of names and prices (order_items).
 */
import { and, asc, eq, inArray, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { productOptionChoices, productOptionGroups, products } from "@/db/schema";
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import { isTimeString } from "@/lib/shop/time";
import { getProductWithOptions, listProductsWithOptions, type ProductWithOptions } from "./catalogue";
import { withParticle } from "@/lib/korean-particle";
import { MAX_NOTICE_HOURS } from "./min-notice";
import { numeric } from "@/lib/validation/numbers";

export const MAX_PRICE = 10_000_000;

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${withParticle(label, "을/를")} 숫자로 적어 주세요.` })
    .int(`${withParticle(label, "은/는")} 정수로 적어 주세요.`)
    .min(min, `${withParticle(label, "은/는")} ${min.toLocaleString("ko-KR")} 이상이어야 해요.`)
    .max(max, `${withParticle(label, "은/는")} ${max.toLocaleString("ko-KR")} 이하로 적어 주세요.`);

const noMarkup = (s: string) => !/[<>]/.test(s);

export const optionChoiceInput = z.object({
  id: numeric(z.number().int().positive().optional()),
  name: z.string().trim().min(1, "선택지 이름을 적어 주세요.").max(30, "선택지 이름은 30자까지예요.").refine(noMarkup, "< > 기호는 쓸 수 없어요."),
  priceDelta: z.coerce
    .number({ error: "추가 금액을 숫자로 적어 주세요." })
    .int("추가 금액은 원 단위 정수로 적어 주세요.")
    .min(-MAX_PRICE, "추가 금액이 너무 작아요.")
    .max(MAX_PRICE, "추가 금액이 너무 커요."),
});

export const optionGroupInput = z
  .object({
    id: numeric(z.number().int().positive().optional()),
    name: z.string().trim().min(1, "옵션 이름을 적어 주세요.").max(30, "옵션 이름은 30자까지예요.").refine(noMarkup, "< > 기호는 쓸 수 없어요."),
    required: z.boolean(),
    choices: z.array(optionChoiceInput).min(1, "선택지를 하나 이상 넣어 주세요.").max(20, "선택지는 20개까지예요."),
  })
  .refine((g) => new Set(g.choices.map((c) => c.name)).size === g.choices.length, { path: ["choices"], message: "같은 이름의 선택지가 있어요." });

export const productInput = z
  .object({
    name: z.string().trim().min(1, "상품 이름을 적어 주세요.").max(60, "상품 이름은 60자까지예요.").refine(noMarkup, "상품 이름에 < > 기호는 쓸 수 없어요."),
    description: z.string().trim().max(500, "설명은 500자까지예요.").optional().default(""),
    price: wholeNumber("가격", 0, MAX_PRICE),
    category: z.string().trim().max(30, "분류는 30자까지예요.").optional().default(""),
    maxPerOrder: wholeNumber("한 주문 최대 수량", 1, 999),
    sortOrder: wholeNumber("정렬 순서", -9999, 9999).optional().default(0),
    optionGroups: z.array(optionGroupInput).max(10, "옵션은 10개까지예요.").optional().default([]),
    /** Minimum notice: none, N hours before the slot, or the day before by HH:MM. */
    minNotice: z.enum(["none", "hours", "day_before"]).optional().default("none"),
    minNoticeHours: z.string().optional().default(""),
    minNoticeTime: z.string().optional().default(""),
  })
  .refine((p) => new Set(p.optionGroups.map((g) => g.name)).size === p.optionGroups.length, { path: ["optionGroups"], message: "같은 이름의 옵션이 있어요." })
  .superRefine((p, ctx) => {
    if (p.minNotice === "hours") {
      const hours = Number(p.minNoticeHours);
      if (!Number.isInteger(hours) || hours < 1 || hours > MAX_NOTICE_HOURS) {
        ctx.addIssue({ code: "custom", path: ["minNoticeHours"], message: `1부터 ${MAX_NOTICE_HOURS}까지의 시간(정수)으로 적어 주세요.` });
      }
    }
    if (p.minNotice === "day_before" && !isTimeString(p.minNoticeTime)) {
      ctx.addIssue({ code: "custom", path: ["minNoticeTime"], message: "마감 시각을 20:00처럼 적어 주세요." });
    }
  });

/** The two columns of the notice rule (at most one set). */
function noticeColumns(p: ParsedProduct) {
  return {
    minNoticeHours: p.minNotice === "hours" ? Number(p.minNoticeHours) : null,
    minNoticeDayBeforeTime: p.minNotice === "day_before" ? p.minNoticeTime : null,
  };
}

export type ProductInput = z.input<typeof productInput>;
type ParsedProduct = z.infer<typeof productInput>;

function parse(input: unknown): ParsedProduct {
  const parsed = productInput.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error.issues);
    throw new AppError("validation", Object.values(fields)[0], { fields });
  }
  return parsed.data;
}

/** Every product, active or not, with options: the admin list. */
export function listProductsForAdmin({ db }: { db: DbOrTx }): ProductWithOptions[] {
  return listProductsWithOptions({ db });
}

export function getProductForAdmin({ db, id }: { db: DbOrTx; id: number }): ProductWithOptions {
  const product = getProductWithOptions({ db, id });
  if (!product) throw new AppError("not_found", "상품을 찾을 수 없어요.");
  return product;
}

/**
 * Make the product's option groups equal to `groups`: rows with a known id are updated,
 * rows without an id are added, and groups/choices no longer listed are removed.
 * An id that belongs to another product is refused (a crafted form cannot move options).
 */
function syncOptionGroups(tx: DbOrTx, productId: number, groups: ParsedProduct["optionGroups"]): void {
  const existingGroups = tx.select({ id: productOptionGroups.id }).from(productOptionGroups).where(eq(productOptionGroups.productId, productId)).all();
  const groupIds = new Set(existingGroups.map((g) => g.id));
  const existingChoices = groupIds.size
    ? tx.select({ id: productOptionChoices.id, groupId: productOptionChoices.groupId }).from(productOptionChoices).where(inArray(productOptionChoices.groupId, [...groupIds])).all()
    : [];
  const choiceGroup = new Map(existingChoices.map((c) => [c.id, c.groupId]));

  const keptGroupIds = groups.map((g) => g.id).filter((id): id is number => id !== undefined);
  for (const id of keptGroupIds) {
    if (!groupIds.has(id)) throw new AppError("validation", "이 상품의 옵션이 아니에요. 새로고침 후 다시 시도해 주세요.");
  }
  // Removing a group cascades to its choices.
  tx.delete(productOptionGroups)
    .where(and(eq(productOptionGroups.productId, productId), keptGroupIds.length ? notInArray(productOptionGroups.id, keptGroupIds) : undefined))
    .run();

  groups.forEach((group, groupIndex) => {
    let groupId: number;
    if (group.id) {
      groupId = group.id;
      tx.update(productOptionGroups).set({ name: group.name, required: group.required, sortOrder: groupIndex }).where(eq(productOptionGroups.id, groupId)).run();
    } else {
      groupId = tx.insert(productOptionGroups).values({ productId, name: group.name, required: group.required, sortOrder: groupIndex }).returning({ id: productOptionGroups.id }).get().id;
    }
    const keptChoiceIds = group.choices.map((c) => c.id).filter((id): id is number => id !== undefined);
    for (const id of keptChoiceIds) {
      if (choiceGroup.get(id) !== groupId) throw new AppError("validation", "이 옵션의 선택지가 아니에요. 새로고침 후 다시 시도해 주세요.");
    }
    tx.delete(productOptionChoices)
      .where(and(eq(productOptionChoices.groupId, groupId), keptChoiceIds.length ? notInArray(productOptionChoices.id, keptChoiceIds) : undefined))
      .run();
    group.choices.forEach((choice, choiceIndex) => {
      const values = { name: choice.name, priceDelta: choice.priceDelta, sortOrder: choiceIndex };
      if (choice.id) tx.update(productOptionChoices).set(values).where(eq(productOptionChoices.id, choice.id)).run();
      else tx.insert(productOptionChoices).values({ groupId, ...values }).run();
    });
  });
}

function checkPricesStayPositive(p: ParsedProduct): void {
  for (const group of p.optionGroups) {
    for (const choice of group.choices) {
      if (p.price + choice.priceDelta < 0) {
        throw new AppError("validation", `${withParticle(`'${group.name} – ${choice.name}'`, "을/를")} 고르면 가격이 0원보다 작아져요.`, { fields: { optionGroups: "추가 금액을 확인해 주세요." } });
      }
    }
  }
}

export function createProduct({ db, input }: { db: Db; input: unknown }): ProductWithOptions {
  const p = parse(input);
  checkPricesStayPositive(p);
  const id = db.transaction(
    (tx) => {
      const row = tx
        .insert(products)
        .values({ name: p.name, description: p.description, price: p.price, category: p.category, maxPerOrder: p.maxPerOrder, sortOrder: p.sortOrder, ...noticeColumns(p) })
        .returning({ id: products.id })
        .get();
      syncOptionGroups(tx, row.id, p.optionGroups);
      return row.id;
    },
    { behavior: "immediate" },
  );
  return getProductForAdmin({ db, id });
}

export function updateProduct({ db, id, input, now = Date.now() }: { db: Db; id: number; input: unknown; now?: number }): ProductWithOptions {
  const p = parse(input);
  checkPricesStayPositive(p);
  db.transaction(
    (tx) => {
      const updated = tx
        .update(products)
        .set({ name: p.name, description: p.description, price: p.price, category: p.category, maxPerOrder: p.maxPerOrder, sortOrder: p.sortOrder, ...noticeColumns(p), updatedAt: now })
        .where(eq(products.id, id))
        .returning({ id: products.id })
        .get();
      if (!updated) throw new AppError("not_found", "상품을 찾을 수 없어요.");
      syncOptionGroups(tx, id, p.optionGroups);
    },
    { behavior: "immediate" },
  );
  return getProductForAdmin({ db, id });
}

/** Deactivated products leave the storefront at once; existing orders are untouched. */
export function setProductActive({ db, id, active, now = Date.now() }: { db: DbOrTx; id: number; active: boolean; now?: number }): void {
  const row = db.update(products).set({ active, updatedAt: now }).where(eq(products.id, id)).returning({ id: products.id }).get();
  if (!row) throw new AppError("not_found", "상품을 찾을 수 없어요.");
}
