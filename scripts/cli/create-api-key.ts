import { createApiKey } from "@/lib/auth/api-keys";
import { oneOf, requiredString, type CliCommand } from "./types";

const command: CliCommand = {
  name: "create-api-key",
  summary: "API 키를 만들어요. 키는 이번 한 번만 보여 줘요.",
  usage: "--name N [--scope owner|staff]",
  options: { name: { type: "string" }, scope: { type: "string" } },
  run(args, ctx) {
    const name = requiredString(args, "name");
    const scope = oneOf(typeof args.values.scope === "string" ? args.values.scope : "owner", ["owner", "staff"] as const, "scope");
    const { id, key, prefix } = createApiKey({ db: ctx.db(), name, scope });
    ctx.out(`API 키를 만들었어요: ${name} (id ${id}, 권한 ${scope}, 앞자리 ${prefix})`);
    ctx.out("아래 키는 다시 볼 수 없어요. 지금 안전한 곳에 보관하세요:");
    ctx.out(key);
  },
};
export default command;
