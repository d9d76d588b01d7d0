import { cache } from "react";

/**
 * The instant a server render works with. A component must not read the clock while it
 * renders (React may render it more than once); pages take the time from here instead, and
 * every part of one request sees the same reading.
 */
export const requestNow = cache((): number => Date.now());
