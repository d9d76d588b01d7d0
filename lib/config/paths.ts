import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

/** The SQLite file: `DATABASE_PATH`, or `data/dangol.db` under the working directory. */
export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || path.join(process.cwd(), "data", "dangol.db"));
}

/** The folder that holds the database and the generated secrets. */
export function dataDir(): string {
  return path.dirname(databasePath());
}

/**
 * The session-signing secret: `AUTH_SECRET` when configured, otherwise one generated on
 * first start and kept in the data folder (zero configuration, survives restarts).
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir(), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    // `wx` so two processes starting at once keep the first one's secret.
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
    return secret;
  }
}
