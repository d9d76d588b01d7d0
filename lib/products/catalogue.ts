import { asc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
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
  let query = db.select().from(products).$dynamic();
  if (ids) query = query.where(inArray(products.id, ids.length ? ids : [-1]));
  const rows = query
    .orderBy(asc(products.sortOrder), asc(products.id))
    .all()
    .filter((p) => !activeOnly || p.active);
  if (rows.length === 0) return [];
  const groups = db
    .select()
    .from(productOptionGroups)
    .where(
      inArray(
        productOptionGroups.productId,
        rows.map((p) => p.id),
      ),
    )
    .orderBy(asc(productOptionGroups.sortOrder), asc(productOptionGroups.id))
    .all();
  const choices = groups.length
    ? db
        .select()
        .from(productOptionChoices)
        .where(
          inArray(
            productOptionChoices.groupId,
            groups.map((g) => g.id),
          ),
        )
        .orderBy(asc(productOptionChoices.sortOrder), asc(productOptionChoices.id))
        .all()
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
