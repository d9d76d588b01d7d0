import { cn } from "./cn";
import QRCode from "qrcode";

/**
 * A QR code rendered on the server as inline SVG: no image request, no client JavaScript,
 * crisp at any size and in print. `label` is what a screen reader hears.
 */
export async function QrCode({
  value,
  label,
  size = 192,
  className = "",
}: {
  value: string;
  label: string;
  size?: number;
  className?: string;
}) {
  const svg = await QRCode.toString(value, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="qr-code"
      data-value={value}
      className={cn("inline-block bg-white [&>svg]:block [&>svg]:size-full", className)}
      style={{ width: size, height: size }}
      // The SVG comes from the qrcode library from our own value; it carries no user markup.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
