import { redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/session";

export default async function AdminHome() {
  await requirePagePermission("orders", "/admin");
  redirect("/admin/orders");
}
