import crypto from "node:crypto";

/** A request's fingerprint for idempotency keys: the same key with another body is refused. */
export function requestHash(input: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(input)).digest("hex");
}
