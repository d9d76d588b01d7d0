"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * A fact only the browser knows (the page's origin, whether push is supported): `server`
 * while the page is rendered on the server and hydrated, then what `read` says. `read` must
 * return a primitive (it is compared by identity on every render).
 */
export function useBrowserValue<T extends string | number | boolean | null>(read: () => T, server: T): T {
  return useSyncExternalStore(noSubscription, read, () => server);
}
