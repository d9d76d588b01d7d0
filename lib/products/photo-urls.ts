/**
 * Where a product photo is served: one file per width, named by the photo's version key, so
 * a new upload gets new addresses and the old ones may be cached for a year. Pure: pages,
 * the API and the browser share it.
 */
export const PHOTO_WIDTHS = [240, 480, 960] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];

/** A version key: 16 lowercase hex digits. */
export const PHOTO_KEY = /^[0-9a-f]{16}$/;

export function photoFileName(key: string, width: PhotoWidth): string {
  return `${key}-${width}.webp`;
}

/** `{ src, srcset }` for an `<img>`: the middle width as the fallback. */
export function photoUrls(key: string): { src: string; srcset: string } {
  return {
    src: `/photos/${photoFileName(key, 480)}`,
    srcset: PHOTO_WIDTHS.map((w) => `/photos/${photoFileName(key, w)} ${w}w`).join(", "),
  };
}

/** The file a `/photos/<name>` request asks for, or null when the name is not one we write. */
export function parsePhotoFileName(name: string): { key: string; width: PhotoWidth } | null {
  const m = /^([0-9a-f]{16})-(\d+)\.webp$/.exec(name);
  if (!m) return null;
  const width = Number(m[2]) as PhotoWidth;
  return PHOTO_WIDTHS.includes(width) ? { key: m[1], width } : null;
}
