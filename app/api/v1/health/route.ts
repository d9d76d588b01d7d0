import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiRoute, json } from "@/lib/api/http";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => {
  getDb().get(sql`select 1`);
  return json({ ok: true });
});
