import type { Permission } from "@/lib/auth/permissions";

/** The owner/staff navigation; each entry shows only to roles with its permission. */
export const ADMIN_NAV: { href: string; key: string; permission: Permission }[] = [
  { href: "/admin/orders", key: "orders", permission: "orders" },
  { href: "/rack", key: "rack", permission: "rack" },
  { href: "/admin/counter", key: "counter", permission: "counter" },
  { href: "/admin/plan", key: "plan", permission: "plan" },
  { href: "/admin/products", key: "products", permission: "products" },
  { href: "/admin/customers", key: "customers", permission: "customers" },
  { href: "/admin/consultations", key: "consultations", permission: "consultation_templates" },
  { href: "/admin/inquiries", key: "inquiries", permission: "customers" },
  { href: "/admin/reviews", key: "reviews", permission: "customers" },
  { href: "/admin/coupons", key: "coupons", permission: "coupons" },
  { href: "/admin/suggestions", key: "suggestions", permission: "coupons" },
  { href: "/admin/metrics", key: "metrics", permission: "metrics" },
  { href: "/admin/review", key: "weeklyReview", permission: "metrics" },
  { href: "/admin/stock", key: "stock", permission: "stock_counts" },
  { href: "/admin/import", key: "import", permission: "import_export" },
  { href: "/admin/pickup", key: "pickup", permission: "pickup_settings" },
  { href: "/admin/messages", key: "messages", permission: "settings" },
  { href: "/admin/settings", key: "settings", permission: "settings" },
];
