"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { REMINDER_TIMINGS, setReminderTiming } from "@/lib/messages/scheduler";
import { saveTemplateText, TEMPLATES } from "@/lib/messages/texts";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  requeueOutboxItem,
  rotateWebhookSecret,
  webhookInput,
} from "@/lib/messages/webhooks";

const id = z.coerce.number().int().positive();
const message = async (key: string) => (await getTranslations("admin.outbox"))(key);

/** Send a failed message (or replay a webhook delivery) again, with the same id. */
export const retryOutboxAction = defineAction({ permission: "settings", schema: z.object({ id }) }, async ({ id }) => {
  requeueOutboxItem({ db: getDb(), id });
  revalidatePath("/admin/messages");
  revalidatePath("/admin/settings/webhooks");
  return { ok: true, message: await message("retried") };
});

export const saveReminderTimingAction = defineAction(
  { permission: "settings", schema: z.object({ reminderTiming: z.enum(REMINDER_TIMINGS, { error: "reminder_timing_choose" }) }) },
  async ({ reminderTiming }) => {
    setReminderTiming({ db: getDb(), timing: reminderTiming });
    revalidatePath("/admin/messages/texts");
    return { ok: true, message: await message("reminderSaved") };
  },
);

export const saveTextAction = defineAction(
  {
    permission: "settings",
    schema: z.object({
      template: z.enum(TEMPLATES as [string, ...string[]]),
      locale: z.enum(["ko", "en"]),
      body: z.string().max(2000).default(""),
      intent: z.enum(["save", "reset"]).default("save"),
    }),
  },
  async ({ template, locale, body, intent }) => {
    saveTemplateText({ db: getDb(), template: template as (typeof TEMPLATES)[number], locale, body, reset: intent === "reset" });
    revalidatePath("/admin/messages/texts");
    return { ok: true, message: await message(intent === "reset" ? "textReset" : "textSaved") };
  },
);

const webhookForm = z.object({ url: z.string().default(""), events: z.union([z.string(), z.array(z.string())]).optional() });

/** The secret goes back once, in the action's answer. */
export const createWebhookAction = defineAction({ permission: "settings", schema: webhookForm }, async ({ url, events }) => {
  const parsed = webhookInput.safeParse({ url, events: events === undefined ? [] : ([] as string[]).concat(events) });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: first.message, fieldErrors: { [String(first.path[0])]: first.message } };
  }
  const created = createWebhookEndpoint({ db: getDb(), input: parsed.data });
  revalidatePath("/admin/settings/webhooks");
  return { ok: true, message: await message("endpointAdded"), data: { secret: created.secret } };
});

export const rotateWebhookAction = defineAction({ permission: "settings", schema: z.object({ id }) }, async ({ id }) => {
  const secret = rotateWebhookSecret({ db: getDb(), id });
  return { ok: true, message: await message("rotated"), data: { secret } };
});

export const deleteWebhookAction = defineAction({ permission: "settings", schema: z.object({ id }) }, async ({ id }) => {
  deleteWebhookEndpoint({ db: getDb(), id });
  revalidatePath("/admin/settings/webhooks");
  return { ok: true, message: await message("deleted") };
});
