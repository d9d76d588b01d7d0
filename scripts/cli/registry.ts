/**
 * Every admin CLI command, in the order `help` lists them. Adding a command is one module
 * under scripts/cli/ (default-exporting a CliCommand, see ./types.ts) and one line here.
 */
import backup from "./backup";
import createApiKey from "./create-api-key";
import createUser from "./create-user";
import deliver from "./deliver";
import importOrders from "./import-orders";
import paymentsSweep from "./payments-sweep";
import rebuildMetrics from "./rebuild-metrics";
import recomputeTiers from "./recompute-tiers";
import restore from "./restore";
import seedDemo from "./seed-demo";
import type { CliCommand } from "./types";

export const COMMANDS: CliCommand[] = [
  createUser,
  createApiKey,
  seedDemo,
  importOrders,
  backup,
  restore,
  deliver,
  paymentsSweep,
  recomputeTiers,
  rebuildMetrics,
];
