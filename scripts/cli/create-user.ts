import { createUser } from "@/lib/auth/users";
import { findShopSettings } from "@/lib/shop/settings";
import { AppError } from "@/lib/errors";
import { oneOf, requiredString, type CliCommand } from "./types";

const command: CliCommand = {
  name: "create-user",
  summary: "사장님 또는 직원 계정을 만들어요.",
  usage: "--role owner|staff --email E --password P [--name N]",
  options: { role: { type: "string" }, email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  run(args, ctx) {
    const role = oneOf(requiredString(args, "role"), ["owner", "staff"] as const, "role");
    const email = requiredString(args, "email");
    const password = requiredString(args, "password");
    const db = ctx.db();
    // An owner without a shop would hide /setup and leave the app with no settings to read.
    if (!findShopSettings({ db })) {
      throw new AppError("not_found", { message: "cli_shop_missing" });
    }
    const user = createUser({ db, email, password, role, name: typeof args.values.name === "string" ? args.values.name : undefined });
    ctx.out(`${role === "owner" ? "사장님" : "직원"} 계정을 만들었어요: ${user.email} (이름: ${user.name}, id ${user.id})`);
  },
};
export default command;
