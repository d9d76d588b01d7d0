/**
 * Product photos: the owner uploads one picture per product; it is checked (a real JPEG, PNG
 * or WebP by its bytes, not its name — so no SVG and its scripts), turned upright, stripped
 * of its metadata (a phone photo's GPS position), resized to a few widths as WebP and kept
 * under the data folder. The product row holds only the version key.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp, { type Metadata } from "sharp";
import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import { dataDir } from "@/lib/config/paths";
import { AppError, type ErrorParams, type MessageKey } from "@/lib/errors";
import { PHOTO_KEY, PHOTO_WIDTHS, photoFileName, type PhotoWidth } from "./photo-urls";

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** A 48-megapixel phone photo fits; a decompression bomb does not. */
const MAX_PHOTO_PIXELS = 50_000_000;

export function photosDir(): string {
  return path.join(dataDir(), "photos");
}

export function photoPath(key: string, width: PhotoWidth): string {
  return path.join(photosDir(), photoFileName(key, width));
}

const refuse = (message: MessageKey, params?: ErrorParams) => new AppError("validation", { message, params, fields: { photo: message } });

/** JPEG, PNG and WebP by their first bytes; everything else (SVG, HEIC, PDF, text) is refused. */
function sniffImage(bytes: Uint8Array): "jpeg" | "png" | "webp" | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 12));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  return null;
}

/** Check an upload and write its resized copies; returns the new version key. Nothing is written for a refused file. */
export async function storePhotoFiles(bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) throw refuse("photo_required");
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw refuse("photo_too_large", { mb: MAX_PHOTO_BYTES / 1024 / 1024 });
  if (!sniffImage(bytes)) throw refuse("photo_type");
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS }).metadata();
  } catch {
    throw refuse("photo_unreadable");
  }
  if (!meta.width || !meta.height || meta.width * meta.height > MAX_PHOTO_PIXELS) throw refuse("photo_too_many_pixels");

  const key = crypto.randomBytes(8).toString("hex");
  fs.mkdirSync(photosDir(), { recursive: true });
  const written: string[] = [];
  try {
    for (const width of PHOTO_WIDTHS) {
      const out = await sharp(input, { limitInputPixels: MAX_PHOTO_PIXELS })
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer();
      const file = photoPath(key, width);
      fs.writeFileSync(file, out);
      written.push(file);
    }
  } catch {
    for (const file of written) fs.rmSync(file, { force: true });
    throw refuse("photo_unreadable");
  }
  return key;
}

export function removePhotoFiles(key: string | null): void {
  if (!key || !PHOTO_KEY.test(key)) return;
  for (const width of PHOTO_WIDTHS) fs.rmSync(photoPath(key, width), { force: true });
}

/** Give a product a new photo (replacing any old one). */
export async function setProductPhoto({
  db,
  productId,
  bytes,
  now = Date.now(),
}: {
  db: Db;
  productId: number;
  bytes: Uint8Array;
  now?: number;
}): Promise<string> {
  if (!db.select({ id: products.id }).from(products).where(eq(products.id, productId)).get())
    throw new AppError("not_found", { message: "product_not_found" });
  const key = await storePhotoFiles(bytes);
  let previous: string | null;
  try {
    previous = swapPhotoKey({ db, productId, key, now });
  } catch (e) {
    removePhotoFiles(key);
    throw e;
  }
  removePhotoFiles(previous);
  return key;
}

export function removeProductPhoto({ db, productId, now = Date.now() }: { db: Db; productId: number; now?: number }): void {
  removePhotoFiles(swapPhotoKey({ db, productId, key: null, now }));
}

/** Set the product's key in one transaction and return the one it replaced. */
function swapPhotoKey({ db, productId, key, now }: { db: Db; productId: number; key: string | null; now: number }): string | null {
  return db.transaction(
    (tx) => {
      const row = tx.select({ photoKey: products.photoKey }).from(products).where(eq(products.id, productId)).get();
      if (!row) throw new AppError("not_found", { message: "product_not_found" });
      tx.update(products).set({ photoKey: key, updatedAt: now }).where(eq(products.id, productId)).run();
      return row.photoKey;
    },
    { behavior: "immediate" },
  );
}

/** The bytes of one stored width, or null. */
export function readPhotoFile(key: string, width: PhotoWidth): Buffer | null {
  try {
    return fs.readFileSync(photoPath(key, width));
  } catch {
    return null;
  }
}
