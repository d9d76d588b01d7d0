import { cx } from "./cx";
import { photoUrls } from "@/lib/products/photo-urls";

/**
 * A product photo from `/photos/…`, in the widths the server stored, cropped to its box.
 * A plain `<img srcset>`: the files are already resized, so no image optimiser is needed.
 */
export function ProductPhoto({
  photoKey,
  alt,
  sizes,
  className = "",
}: {
  photoKey: string;
  alt: string;
  sizes: string;
  className?: string;
}) {
  const { src, srcset } = photoUrls(photoKey);
  return (
    <img
      src={src}
      srcSet={srcset}
      sizes={sizes}
      alt={alt}
      loading="lazy"
      decoding="async"
      className={cx("bg-stone-100 object-cover", className)}
      data-testid="product-photo-img"
    />
  );
}
