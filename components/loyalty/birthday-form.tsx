import type { ComponentProps } from "react";
import { ActionForm } from "@/components/ui/action-form";

/** The birthday (month-day) form: staff on the customer card, the customer on `/me`; the action checks who may. */
export function BirthdayForm({
  action,
  owner,
  birthday,
  label,
  hint,
  submitLabel,
  testId,
}: {
  action: ComponentProps<typeof ActionForm>["action"];
  /** The hidden field naming whose birthday it is (`customerId` or `token`). */
  owner: { name: string; value: string };
  birthday: string | null;
  label: string;
  hint: string;
  submitLabel: string;
  testId: string;
}) {
  return (
    <ActionForm
      progressive
      action={action}
      submitLabel={submitLabel}
      variant="secondary"
      resetOnSuccess={false}
      testId={testId}
      fields={[
        { kind: "hidden", ...owner },
        { kind: "text", name: "birthday", label, hint, defaultValue: birthday ?? "" },
      ]}
    />
  );
}
