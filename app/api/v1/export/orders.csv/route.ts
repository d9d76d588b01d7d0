import { getDb } from "@/db/client";
import { apiRoute, requireApiAccess } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { exportOrdersCsv } from "@/lib/export/export-orders";
import { isDateString } from "@/lib/shop/time";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req) => {
  await requireApiAccess(req, "import_export", { allowSession: true });
  const url = new URL(req.url);
  const from = url.searchParams.get("from") || undefined;
  const to = url.searchParams.get("to") || undefined;
  for (const [key, v] of Object.entries({ from, to })) {
    if (v !== undefined && !isDateString(v)) throw new AppError("validation", { message: "date_format", fields: { [key]: "date_format" } });
  }
  const name = `dangol-orders${from ? `-${from}` : ""}${to ? `-${to}` : ""}.csv`;
  // A BOM so spreadsheet programs read the Korean text as UTF-8; the importer skips it.
  return new Response("\uFEFF" + exportOrdersCsv({ db: getDb(), from, to }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
