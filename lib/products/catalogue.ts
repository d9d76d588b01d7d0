import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { inJsonList, preparedQuery } from "@/db/prepared";
import { productOptionChoices, productOptionGroups, products, type Product } from "@/db/schema";

export type OptionChoice = { id: number; name: string; priceDelta: number };
export type OptionGroup = { id: number; name: string; required: boolean; choices: OptionChoice[] };
export type ProductWithOptions = Product & { optionGroups: OptionGroup[] };

/** Products with their option groups and choices, in display order. */
export function listProductsWithOptions({
  db,
  activeOnly = false,
  ids,
}: {
  db: DbOrTx;
  activeOnly?: boolean;
  ids?: number[];
}): ProductWithOptions[] {
  const rows = (
    ids
      ? preparedQuery(db, "products.by-ids", (q) =>
          q.select().from(products).where(inJsonList(products.id, "ids")).orderBy(asc(products.sortOrder), asc(products.id)).prepare(),
        ).all({ ids: JSON.stringify(ids) })
      : preparedQuery(db, "products.all", (q) =>
          q.select().from(products).orderBy(asc(products.sortOrder), asc(products.id)).prepare(),
        ).all()
  ).filter((p) => !activeOnly || p.active);
  if (rows.length === 0) return [];
  const groups = preparedQuery(db, "product-option-groups.of-products", (q) =>
    q
      .select()
      .from(productOptionGroups)
      .where(inJsonList(productOptionGroups.productId, "ids"))
      .orderBy(asc(productOptionGroups.sortOrder), asc(productOptionGroups.id))
      .prepare(),
  ).all({ ids: JSON.stringify(rows.map((p) => p.id)) });
  const choices = groups.length
    ? preparedQuery(db, "product-option-choices.of-groups", (q) =>
        q
          .select()
          .from(productOptionChoices)
          .where(inJsonList(productOptionChoices.groupId, "ids"))
          .orderBy(asc(productOptionChoices.sortOrder), asc(productOptionChoices.id))
          .prepare(),
      ).all({ ids: JSON.stringify(groups.map((g) => g.id)) })
    : [];
  const groupsByProduct = new Map<number, OptionGroup[]>();
  for (const g of groups) {
    const list = groupsByProduct.get(g.productId) ?? [];
    list.push({
      id: g.id,
      name: g.name,
      required: g.required,
      choices: choices.filter((c) => c.groupId === g.id).map((c) => ({ id: c.id, name: c.name, priceDelta: c.priceDelta })),
    });
    groupsByProduct.set(g.productId, list);
  }
  return rows.map((p) => ({ ...p, optionGroups: groupsByProduct.get(p.id) ?? [] }));
}

export function getProductWithOptions({ db, id }: { db: DbOrTx; id: number }): ProductWithOptions | undefined {
  return listProductsWithOptions({ db, ids: [id] })[0];
}
