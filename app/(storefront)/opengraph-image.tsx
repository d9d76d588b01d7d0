import { ImageResponse } from "next/og";
import { getDb } from "@/db/client";
import { previewPhotoDataUrls } from "@/lib/storefront/share-preview";

// Reads the shop's photos at request time, never at build time.
export const dynamic = "force-dynamic";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "가게 미리보기";

const BRAND = "#b4651d";
const CREAM = "#fdf4e7";

/**
 * The picture a KakaoTalk or Instagram share shows: an awning over the shop's own product
 * photos (or plain loaves before there are any). No text on purpose: the renderer would fetch
 * a font from the internet for Korean letters; the shop's name travels in og:title instead.
 */
export default async function OpenGraphImage() {
  const photos = await previewPhotoDataUrls({ db: getDb() });
  const stripes = Array.from({ length: 12 }, (_, i) => i);
  return new ImageResponse(
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: CREAM }}>
      <div style={{ display: "flex", height: 150 }}>
        {stripes.map((i) => (
          <div key={i} style={{ flex: 1, background: i % 2 ? CREAM : BRAND, borderBottomLeftRadius: 50, borderBottomRightRadius: 50 }} />
        ))}
      </div>
      <div style={{ flex: 1, display: "flex", alignItems: "center", justifyContent: "center", gap: 40, padding: 40 }}>
        {photos.length > 0
          ? photos.map((src, i) => (
              <img
                key={i}
                src={src}
                width={330}
                height={330}
                style={{ borderRadius: 32, border: `8px solid ${BRAND}`, objectFit: "cover" }}
                alt=""
              />
            ))
          : [0, 1, 2].map((i) => (
              <div
                key={i}
                style={{
                  width: 300,
                  height: 200,
                  borderRadius: "150px 150px 40px 40px",
                  background: i === 1 ? "#d9a066" : "#c8884a",
                  border: `8px solid ${BRAND}`,
                }}
              />
            ))}
      </div>
      <div style={{ height: 36, background: BRAND }} />
    </div>,
    size,
  );
}
