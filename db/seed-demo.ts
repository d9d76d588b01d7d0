import type { Db } from "./client";

/** A demo bakery: products with options, plans for the next 7 days, slots and a few weeks of history. */
export function seedDemo({ db }: { db: Db; now?: number }): { products: number; orders: number } {
  void db;
  throw new Error("seed-demo is being written");
}
