import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, json, parseWith } from "@/lib/api/http";
import { productJson } from "@/lib/api/serializers";
import { listProductsForDate } from "@/lib/storefront/listing";
import { isDateString } from "@/lib/shop/time";

export const dynamic = "force-dynamic";

const query = z.object({
  date: z.string({ error: "pickup_date_format" }).refine(isDateString, "pickup_date_format"),
});

export const GET = apiRoute((req) => {
  const { date } = parseWith(query, { date: new URL(req.url).searchParams.get("date") ?? undefined });
  return json(listProductsForDate({ db: getDb(), date }).map(productJson));
});
