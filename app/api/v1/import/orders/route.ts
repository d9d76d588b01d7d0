import { getDb } from "@/db/client";
import { apiRoute, json, readBody, requireApiAccess } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { importOrdersCsv, MAX_IMPORT_BYTES } from "@/lib/import/import-orders";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (req) => {
  await requireApiAccess(req, "import_export");
  const type = req.headers.get("content-type") ?? "";
  if (!/^text\/csv\b/i.test(type)) throw new AppError("bad_request", { message: "body_not_csv" });
  const report = await importOrdersCsv({ db: getDb(), csv: await readBody(req, MAX_IMPORT_BYTES) });
  return json(report, report.imported > 0 ? 201 : 200);
});
