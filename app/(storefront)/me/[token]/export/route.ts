import { getDb } from "@/db/client";
import { apiRoute, json } from "@/lib/api/http";
import { exportMyData } from "@/lib/customer-record/privacy";

/** The customer's own data as a JSON download (내 정보 내려받기). */
export const GET = apiRoute<{ token: string }>(async (_req, { params }) => {
  const data = exportMyData({ db: getDb(), token: (await params).token });
  return json(data, 200, { "content-disposition": 'attachment; filename="my-data.json"', "cache-control": "no-store" });
});
