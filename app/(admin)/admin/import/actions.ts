"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveLocale } from "@/i18n/messages";
import { defineAction } from "@/lib/actions";
import { importOrdersCsv, type ImportReport } from "@/lib/import/import-orders";

/** Server actions accept bodies up to 1 MB by default; the API and CLI take bigger files. */
const MAX_UPLOAD_BYTES = 900 * 1024;

export const importOrdersAction = defineAction<z.ZodType<{ file: File }>, ImportReport>(
  {
    permission: "import_export",
    parse: (form) => ({ file: form.get("file") }),
    schema: z.object({
      file: z
        .custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, "csv_file_choose")
        .refine((f) => f.size <= MAX_UPLOAD_BYTES, "upload_too_large"),
    }),
  },
  async ({ file }) => {
    const report = await importOrdersCsv({ db: getDb(), csv: await file.text(), locale: resolveLocale(await getLocale()) });
    revalidatePath("/admin/metrics");
    return {
      ok: report.errors === 0,
      message: (await getTranslations("actions"))("importSummary", {
        imported: report.imported,
        skipped: report.skipped,
        errors: report.errors,
        rows: report.rows,
      }),
      data: report,
    } as never;
  },
);
