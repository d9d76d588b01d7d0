import { cx } from "@/components/ui/cx";

/** A form-level message. `data-testid` because Next's route announcer also has role="alert". */
export function Notice({
  tone = "error",
  children,
  testId,
}: {
  tone?: "error" | "success" | "info";
  children: React.ReactNode;
  testId?: string;
}) {
  const styles = {
    error: "border-red-300 bg-red-50 text-red-800",
    success: "border-green-300 bg-green-50 text-green-800",
    info: "border-stone-300 bg-white text-stone-700",
  }[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId ?? `notice-${tone}`}
      className={cx("rounded-xl border px-4 py-3 text-base", styles)}
    >
      {children}
    </div>
  );
}

/** Shows an action's result: the message, in the tone of its outcome. */
export function ActionNotice({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}
