/**
 * Who may do what. Checked on the server in every admin page, server action and API route
 * (`requirePermission`, `requireApiKey`); the UI only hides what the server would refuse.
 */
export type Role = "owner" | "staff";

export const PERMISSIONS = {
  rack: ["owner", "staff"],
  orders: ["owner", "staff"],
  counter: ["owner", "staff"],
  customers: ["owner", "staff"],
  stock_counts: ["owner", "staff"],
  products: ["owner"],
  plan: ["owner"],
  pickup_settings: ["owner"],
  consultation_templates: ["owner"],
  metrics: ["owner"],
  coupons: ["owner"],
  import_export: ["owner"],
  settings: ["owner"],
  users: ["owner"],
  api_keys: ["owner"],
  access_log: ["owner"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
