"use client";

import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions";

/**
 * Logs one staff view of a customer card, once per page view: rendering the card writes
 * nothing, and a re-render after an action on the card (same mounted page) logs nothing more.
 */
export function CardViewLog({ customerId, log }: { customerId: number; log: (prev: ActionState, form: FormData) => Promise<ActionState> }) {
  const logged = useRef<number | null>(null);
  useEffect(() => {
    if (logged.current === customerId) return;
    logged.current = customerId;
    const form = new FormData();
    form.set("customerId", String(customerId));
    void log(null, form);
  }, [customerId, log]);
  return null;
}
