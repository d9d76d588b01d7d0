/**
 * The owner's product editing: the product row and its option groups and choices are
 * written together in one transaction, so a half-saved option list never reaches the
 * storefront. Past orders keep their own snapshot of names and prices (order_items).
 */
import { and, eq, inArray, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { PAYMENT_POLICIES, productOptionChoices, productOptionGroups, products } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { isTimeString } from "@/lib/shop/time";
import { wholeNumber } from "@/lib/validation/numbers";
import { getProductWithOptions, listProductsWithOptions, type ProductWithOptions } from "./catalogue";
import { MAX_NOTICE_HOURS } from "./min-notice";
import { numeric } from "@/lib/validation/numbers";

export const MAX_PRICE = 10_000_000;

const noMarkup = (s: string) => !/[<>]/.test(s);

export const optionChoiceInput = z.object({
  id: numeric(z.number().int().positive().optional()),
  name: z.string().trim().min(1, "choice_name_required").max(30, "choice_name_too_long").refine(noMarkup, "no_angle_brackets"),
  priceDelta: z.coerce
    .number({ error: "extra_price_number" })
    .int("extra_price_integer")
    .min(-MAX_PRICE, "extra_price_too_small")
    .max(MAX_PRICE, "extra_price_too_big"),
});

export const optionGroupInput = z
  .object({
    id: numeric(z.number().int().positive().optional()),
    name: z.string().trim().min(1, "option_name_required").max(30, "option_name_too_long").refine(noMarkup, "no_angle_brackets"),
    required: z.boolean(),
    choices: z.array(optionChoiceInput).min(1, "choices_min").max(20, "choices_max"),
  })
  .refine((g) => new Set(g.choices.map((c) => c.name)).size === g.choices.length, { path: ["choices"], message: "choice_name_repeat" });

export const productInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "product_name_required")
      .max(60, "product_name_too_long")
      .refine(noMarkup, "product_name_no_angle_brackets"),
    description: z.string().trim().max(500, "description_too_long").optional().default(""),
    price: wholeNumber(0, MAX_PRICE),
    category: z.string().trim().max(30, "category_too_long").optional().default(""),
    maxPerOrder: wholeNumber(1, 999),
    sortOrder: wholeNumber(-9999, 9999).optional().default(0),
    optionGroups: z.array(optionGroupInput).max(10, "options_max").optional().default([]),
    /** Minimum notice: none, N hours before the slot, or the day before by HH:MM. */
    minNotice: z.enum(["none", "hours", "day_before"]).optional().default("none"),
    minNoticeHours: z.string().optional().default(""),
    minNoticeTime: z.string().optional().default(""),
    /** How this product is paid: `shop` follows the shop's policy. */
    paymentPolicy: z
      .enum(["shop", ...PAYMENT_POLICIES], { error: "payment_policy_choose" })
      .optional()
      .default("shop"),
  })
  .refine((p) => new Set(p.optionGroups.map((g) => g.name)).size === p.optionGroups.length, {
    path: ["optionGroups"],
    message: "option_name_repeat",
  })
  .superRefine((p, ctx) => {
    if (p.minNotice === "hours") {
      const hours = Number(p.minNoticeHours);
      if (!Number.isInteger(hours) || hours < 1 || hours > MAX_NOTICE_HOURS) {
        ctx.addIssue({ code: "custom", path: ["minNoticeHours"], message: "notice_hours_range", params: { max: MAX_NOTICE_HOURS } });
      }
    }
    if (p.minNotice === "day_before" && !isTimeString(p.minNoticeTime)) {
      ctx.addIssue({ code: "custom", path: ["minNoticeTime"], message: "notice_time_format" });
    }
  });

/** The two columns of the notice rule (at most one set), and the product's payment policy. */
function noticeColumns(p: ParsedProduct) {
  return {
    minNoticeHours: p.minNotice === "hours" ? Number(p.minNoticeHours) : null,
    minNoticeDayBeforeTime: p.minNotice === "day_before" ? p.minNoticeTime : null,
    paymentPolicy: p.paymentPolicy === "shop" ? null : p.paymentPolicy,
  };
}

export type ProductInput = z.input<typeof productInput>;
type ParsedProduct = z.infer<typeof productInput>;

function parse(input: unknown): ParsedProduct {
  return parseOrThrow(productInput, input);
}

/** Every product, active or not, with options: the admin list. */
export function listProductsForAdmin({ db }: { db: DbOrTx }): ProductWithOptions[] {
  return listProductsWithOptions({ db });
}

export function getProductForAdmin({ db, id }: { db: DbOrTx; id: number }): ProductWithOptions {
  const product = getProductWithOptions({ db, id });
  if (!product) throw new AppError("not_found", { message: "product_not_found" });
  return product;
}

/**
 * Make the product's option groups equal to `groups`: rows with a known id are updated,
 * rows without an id are added, and groups/choices no longer listed are removed.
 * An id that belongs to another product is refused (a crafted form cannot move options).
 */
function syncOptionGroups(tx: DbOrTx, productId: number, groups: ParsedProduct["optionGroups"]): void {
  const existingGroups = tx
    .select({ id: productOptionGroups.id })
    .from(productOptionGroups)
    .where(eq(productOptionGroups.productId, productId))
    .all();
  const groupIds = new Set(existingGroups.map((g) => g.id));
  const existingChoices = groupIds.size
    ? tx
        .select({ id: productOptionChoices.id, groupId: productOptionChoices.groupId })
        .from(productOptionChoices)
        .where(inArray(productOptionChoices.groupId, [...groupIds]))
        .all()
    : [];
  const choiceGroup = new Map(existingChoices.map((c) => [c.id, c.groupId]));

  const keptGroupIds = groups.map((g) => g.id).filter((id): id is number => id !== undefined);
  for (const id of keptGroupIds) {
    if (!groupIds.has(id)) throw new AppError("validation", { message: "option_not_of_product" });
  }
  // Removing a group cascades to its choices.
  tx.delete(productOptionGroups)
    .where(
      and(eq(productOptionGroups.productId, productId), keptGroupIds.length ? notInArray(productOptionGroups.id, keptGroupIds) : undefined),
    )
    .run();

  groups.forEach((group, groupIndex) => {
    let groupId: number;
    if (group.id) {
      groupId = group.id;
      tx.update(productOptionGroups)
        .set({ name: group.name, required: group.required, sortOrder: groupIndex })
        .where(eq(productOptionGroups.id, groupId))
        .run();
    } else {
      groupId = tx
        .insert(productOptionGroups)
        .values({ productId, name: group.name, required: group.required, sortOrder: groupIndex })
        .returning({ id: productOptionGroups.id })
        .get().id;
    }
    const keptChoiceIds = group.choices.map((c) => c.id).filter((id): id is number => id !== undefined);
    for (const id of keptChoiceIds) {
      if (choiceGroup.get(id) !== groupId) throw new AppError("validation", { message: "choice_not_of_option" });
    }
    tx.delete(productOptionChoices)
      .where(
        and(
          eq(productOptionChoices.groupId, groupId),
          keptChoiceIds.length ? notInArray(productOptionChoices.id, keptChoiceIds) : undefined,
        ),
      )
      .run();
    group.choices.forEach((choice, choiceIndex) => {
      const values = { name: choice.name, priceDelta: choice.priceDelta, sortOrder: choiceIndex };
      if (choice.id) tx.update(productOptionChoices).set(values).where(eq(productOptionChoices.id, choice.id)).run();
      else
        tx.insert(productOptionChoices)
          .values({ groupId, ...values })
          .run();
    });
  });
}

function checkPricesStayPositive(p: ParsedProduct): void {
  for (const group of p.optionGroups) {
    for (const choice of group.choices) {
      if (p.price + choice.priceDelta < 0) {
        throw new AppError("validation", {
          message: "option_price_below_zero",
          params: { group: group.name, choice: choice.name },
          fields: { optionGroups: "extra_price_check" },
        });
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
        .values({
          name: p.name,
          description: p.description,
          price: p.price,
          category: p.category,
          maxPerOrder: p.maxPerOrder,
          sortOrder: p.sortOrder,
          ...noticeColumns(p),
        })
        .returning({ id: products.id })
        .get();
      syncOptionGroups(tx, row.id, p.optionGroups);
      return row.id;
    },
    { behavior: "immediate" },
  );
  return getProductForAdmin({ db, id });
}

export function updateProduct({
  db,
  id,
  input,
  now = Date.now(),
}: {
  db: Db;
  id: number;
  input: unknown;
  now?: number;
}): ProductWithOptions {
  const p = parse(input);
  checkPricesStayPositive(p);
  db.transaction(
    (tx) => {
      const updated = tx
        .update(products)
        .set({
          name: p.name,
          description: p.description,
          price: p.price,
          category: p.category,
          maxPerOrder: p.maxPerOrder,
          sortOrder: p.sortOrder,
          ...noticeColumns(p),
          updatedAt: now,
        })
        .where(eq(products.id, id))
        .returning({ id: products.id })
        .get();
      if (!updated) throw new AppError("not_found", { message: "product_not_found" });
      syncOptionGroups(tx, id, p.optionGroups);
    },
    { behavior: "immediate" },
  );
  return getProductForAdmin({ db, id });
}

/** Deactivated products leave the storefront at once; existing orders are untouched. */
export function setProductActive({ db, id, active, now = Date.now() }: { db: DbOrTx; id: number; active: boolean; now?: number }): void {
  const row = db.update(products).set({ active, updatedAt: now }).where(eq(products.id, id)).returning({ id: products.id }).get();
  if (!row) throw new AppError("not_found", { message: "product_not_found" });
}
