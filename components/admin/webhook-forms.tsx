"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { SecretOnce } from "./secret-once";

type SecretAction = (prev: ActionState<{ secret: string }>, form: FormData) => Promise<ActionState<{ secret: string }>>;
type AnyAction = (prev: ActionState, form: FormData) => Promise<ActionState>;
const secretOf = (state: ActionState) => (state?.ok ? (state.data as { secret?: string } | undefined)?.secret : undefined);

/** Add an endpoint: URL and an event picker; the signing secret is shown once. */
export function WebhookForm({ action, events }: { action: SecretAction; events: readonly string[] }) {
  const t = useTranslations("admin.outbox");
  const { state, pending, onSubmit } = useActionForm(action as AnyAction);
  const secret = secretOf(state);
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <Field
          label={t("url")}
          name="url"
          type="url"
          placeholder="https://pos.example.com/dangol"
          maxLength={500}
          error={state && !state.ok ? state.fieldErrors?.url : undefined}
        />
        <fieldset>
          <legend className="mb-1 font-semibold">{t("events")}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            <label className="inline-flex min-h-11 items-center gap-2">
              <input type="checkbox" name="events" value="*" className="size-5" /> {t("allEvents")}
            </label>
            {events.map((e) => (
              <label key={e} className="inline-flex min-h-11 items-center gap-2 font-mono text-sm">
                <input type="checkbox" name="events" value={e} className="size-5" /> {e}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("addEndpoint")}
        </Button>
      </form>
      <ActionNotice state={state} />
      {secret && <SecretOnce label={t("secret")} value={secret} testId="webhook-secret" />}
    </div>
  );
}

export function RotateSecretForm({ action, id }: { action: SecretAction; id: number }) {
  const t = useTranslations("admin.outbox");
  const { state, pending, onSubmit } = useActionForm(action as AnyAction);
  const secret = secretOf(state);
  return (
    <div className="space-y-2">
      <form
        onSubmit={(e) => {
          if (!window.confirm(t("rotateConfirm"))) return e.preventDefault();
          onSubmit(e);
        }}
      >
        <input type="hidden" name="id" value={id} />
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {t("rotate")}
        </Button>
      </form>
      {state && !state.ok && <ActionNotice state={state} />}
      {secret && <SecretOnce label={t("secret")} value={secret} testId={`webhook-secret-${id}`} />}
    </div>
  );
}
