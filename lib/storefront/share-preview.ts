/**
 * What a shared storefront link shows: the shop's name and words for the title and
 * description, and up to three product photos for the preview picture.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { products } from "@/db/schema";
import { readPhotoFile } from "@/lib/products/photos";
import { findShopSettings } from "@/lib/shop/settings";

/** The shop's name and address for the page's title and description; null before setup. */
export function sharePreview({ db }: { db: DbOrTx }): { shopName: string; address: string | null } | null {
  const settings = findShopSettings({ db });
  return settings ? { shopName: settings.name, address: settings.address } : null;
}

/** Up to `limit` photos of products on sale, as PNG data URLs (the image renderer reads PNG, not WebP). */
export async function previewPhotoDataUrls({ db, limit = 3 }: { db: DbOrTx; limit?: number }): Promise<string[]> {
  const keys = db
    .select({ photoKey: products.photoKey })
    .from(products)
    .where(and(eq(products.active, true), isNotNull(products.photoKey)))
    .orderBy(asc(products.sortOrder), asc(products.id))
    .limit(limit)
    .all();
  const urls: string[] = [];
  for (const { photoKey } of keys) {
    const webp = photoKey ? readPhotoFile(photoKey, 480) : null;
    if (!webp) continue;
    const png = await sharp(webp).resize({ width: 360, height: 360, fit: "cover" }).png().toBuffer();
    urls.push(`data:image/png;base64,${png.toString("base64")}`);
  }
  return urls;
}

/**
 * The public origin of the request (behind a proxy: its forwarded host and scheme), so the
 * preview image's address in og:image is absolute, as share crawlers need.
 */
export function requestOrigin(headers: Headers): URL | undefined {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host || !/^[A-Za-z0-9.:[\]-]+$/.test(host)) return undefined;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https" ? "https" : "http";
  return new URL(`${proto}://${host}`);
}
