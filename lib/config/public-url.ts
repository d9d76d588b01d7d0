/**
 * The address customers reach the shop at, for links that leave the app (messages, webhooks):
 * `PUBLIC_URL`, or `http://localhost:3000` when unset.
 */
export function publicOrigin(): string {
  const configured = process.env.PUBLIC_URL?.trim();
  return (configured || "http://localhost:3000").replace(/\/+$/, "");
}

/** An absolute customer link for an app path such as `/o/<token>`. */
export function publicUrl(path: string): string {
  return publicOrigin() + (path.startsWith("/") ? path : `/${path}`);
}
