import crypto from "node:crypto";
import { seedDemo } from "@/db/seed-demo";
import { findShopSettings, isSetUp } from "@/lib/shop/settings";
import { createShop } from "@/lib/setup/create-shop";
import type { CliCommand } from "./types";

export const DEMO_SHOP_NAME = "단골 베이커리 (데모)";
export const DEMO_OWNER_EMAIL = "demo@dangol.local";

const command: CliCommand = {
  name: "seed-demo",
  summary: "데모 빵집(상품·옵션·7일 생산 계획·몇 주치 주문과 판매)을 넣어요. 가게가 없으면 데모 가게와 사장님 계정도 만들어요.",
  usage: "",
  run(_args, ctx) {
    const db = ctx.db();
    if (!findShopSettings({ db }) && !isSetUp({ db })) {
      const password = crypto.randomBytes(9).toString("base64url");
      createShop({ db, input: { shopName: DEMO_SHOP_NAME, ownerName: "데모 사장님", email: DEMO_OWNER_EMAIL, password } });
      ctx.out(`데모 가게를 만들었어요: ${DEMO_SHOP_NAME}`);
      ctx.out(`사장님 로그인: ${DEMO_OWNER_EMAIL} / ${password}  (이 비밀번호는 다시 볼 수 없어요)`);
    }
    const result = seedDemo({ db });
    const sales = (db.$client.prepare("select count(*) as n from store_sales").get() as { n: number }).n;
    const customers = (db.$client.prepare("select count(*) as n from customers").get() as { n: number }).n;
    ctx.out(`데모 데이터를 넣었어요: 상품 ${result.products}개, 픽업 주문 ${result.orders}건, 매장 판매 ${sales}건, 고객 ${customers}명`);
  },
};
export default command;
