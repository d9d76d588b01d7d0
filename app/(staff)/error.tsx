"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

/** A failure while rendering a page of this area, inside its layout and language. */
export default function AreaError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel error={error} retry={retry} home="/rack" />;
}
