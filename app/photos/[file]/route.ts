import { readPhotoFile } from "@/lib/products/photos";
import { parsePhotoFileName } from "@/lib/products/photo-urls";

/**
 * A product photo at one width. The name carries the photo's version key, so the bytes
 * behind an address never change: browsers and proxies may keep them for a year.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const wanted = parsePhotoFileName((await params).file);
  const bytes = wanted ? readPhotoFile(wanted.key, wanted.width) : null;
  if (!bytes) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
