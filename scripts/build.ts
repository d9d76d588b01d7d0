/**
 * `npm run build`: `next build` (any arguments after `--` go to it), then the compile hints on
 * the startup chunks — the same build `npm start` makes when its sources changed.
 */
import { nextBuild } from "./build-if-stale";

nextBuild({ distDir: process.env.NEXT_DIST_DIR || ".next", args: process.argv.slice(2) });
