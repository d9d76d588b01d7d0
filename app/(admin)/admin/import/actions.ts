"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
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
        .custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, "CSV 파일을 골라 주세요.")
        .refine((f) => f.size <= MAX_UPLOAD_BYTES, "파일이 너무 커요 (최대 900 KB). 더 큰 파일은 나눠서 올리거나 CLI(import-orders)를 써 주세요."),
    }),
  },
  async ({ file }) => {
    const report = await importOrdersCsv({ db: getDb(), csv: await file.text() });
    revalidatePath("/admin/metrics");
    return { ok: report.errors === 0, message: `가져옴 ${report.imported}행 · 건너뜀 ${report.skipped}행 · 오류 ${report.errors}행 (전체 ${report.rows}행)`, data: report } as never;
  },
);
