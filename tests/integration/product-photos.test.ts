import fs from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import { photoPath, photosDir, removeProductPhoto, setProductPhoto } from "@/lib/products/photos";
import { photoUrls } from "@/lib/products/photo-urls";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { GET as photoGET } from "@/app/photos/[file]/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
});

const jpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#c8884a" } })
    .withExif({ IFD0: { Make: "Phone", Copyright: "owner" } })
    .jpeg()
    .toBuffer();
const keyOf = () => db.select({ photoKey: products.photoKey }).from(products).where(eq(products.id, shop.bread.id)).get()!.photoKey;
const upload = (bytes: Uint8Array) => setProductPhoto({ db, productId: shop.bread.id, bytes });
const storedFiles = () => (fs.existsSync(photosDir()) ? fs.readdirSync(photosDir()) : []);

describe("product photos", () => {
  it("stores three WebP widths under the data folder, without the photo's metadata, and serves them for a year", async () => {
    const key = await upload(await jpeg(2000, 1500));
    expect(keyOf()).toBe(key);
    expect(photosDir().startsWith(fs.realpathSync(process.env.DATABASE_PATH!.replace(/\/test\.db$/, "")))).toBe(true);
    for (const [width, height] of [
      [240, 180],
      [480, 360],
      [960, 720],
    ] as const) {
      const meta = await sharp(photoPath(key, width)).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", width, height, undefined]);
    }
    const { src, srcset } = photoUrls(key);
    expect(srcset).toBe(`/photos/${key}-240.webp 240w, /photos/${key}-480.webp 480w, /photos/${key}-960.webp 960w`);
    const file = src.split("/").pop()!;
    const res = await photoGET(new Request(`http://shop.test${src}`), { params: Promise.resolve({ file }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(480);
  });

  it("a small photo is not enlarged; a new upload replaces the old files; removal deletes them", async () => {
    const first = await upload(await jpeg(300, 300));
    expect((await sharp(photoPath(first, 960)).metadata()).width).toBe(300);
    const second = await upload(await jpeg(800, 600));
    expect(second).not.toBe(first);
    expect(storedFiles().sort()).toEqual([`${second}-240.webp`, `${second}-480.webp`, `${second}-960.webp`]);
    removeProductPhoto({ db, productId: shop.bread.id });
    expect(keyOf()).toBeNull();
    expect(storedFiles()).toEqual([]);
  });

  it("refuses a file that is not an image", async () => {
    await expect(upload(new TextEncoder().encode("hello, this is a text file"))).rejects.toMatchObject({
      code: "validation",
      message: "JPG, PNG, WebP 사진만 올릴 수 있어요.",
      fields: { photo: { code: "photo_type" } },
    });
    expect(keyOf()).toBeNull();
    expect(storedFiles()).toEqual([]);
  });

  it("refuses an SVG with a script, even named like a picture", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`;
    await expect(upload(new TextEncoder().encode(svg))).rejects.toMatchObject({
      message: "JPG, PNG, WebP 사진만 올릴 수 있어요.",
      fields: { photo: { code: "photo_type" } },
    });
    expect(storedFiles()).toEqual([]);
  });

  it("refuses a 20 MB file before reading it", async () => {
    const big = new Uint8Array(20 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    await expect(upload(big)).rejects.toMatchObject({ message: "사진은 8MB까지 올릴 수 있어요. 더 작은 사진을 골라 주세요." });
    expect(storedFiles()).toEqual([]);
  });

  it("refuses a broken JPEG (right first bytes, nothing behind them)", async () => {
    const broken = (await jpeg(400, 300)).subarray(0, 200);
    await expect(upload(broken)).rejects.toMatchObject({ message: "사진을 읽을 수 없어요. 깨진 파일인지 확인해 주세요." });
    expect(keyOf()).toBeNull();
  });

  it("serves nothing for names it never writes", async () => {
    for (const file of ["../test.db", "0123456789abcdef-100.webp", "x.svg"]) {
      const res = await photoGET(new Request(`http://shop.test/photos/${file}`), { params: Promise.resolve({ file }) });
      expect(res.status).toBe(404);
    }
  });
});
