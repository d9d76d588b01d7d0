/**
 * The demo bakery's products, with their option groups, usual daily production and how
 * often a pre-order includes them. A new product or option is one more entry in CATALOGUE.
 */
import type { Tx } from "@/db/client";
import { productOptionChoices, productOptionGroups, products } from "@/db/schema";
import { listProductsWithOptions, type ProductWithOptions } from "@/lib/products/catalogue";
import { HISTORY_DAYS, type Rng } from "./common";

type OptionSeed = { name: string; required: boolean; choices: [string, number][] };
const SLICE: OptionSeed = {
  name: "슬라이스 여부",
  required: true,
  choices: [
    ["통으로", 0],
    ["슬라이스", 0],
  ],
};
const GIFT_WRAP: OptionSeed = {
  name: "포장",
  required: false,
  choices: [
    ["기본 포장", 0],
    ["선물 포장", 1_000],
  ],
};
const CREAM: OptionSeed = {
  name: "크림 추가",
  required: false,
  choices: [
    ["크림치즈", 1_500],
    ["생크림", 1_000],
  ],
};
const CANDLES: OptionSeed = {
  name: "초",
  required: false,
  choices: [
    ["큰 초 1개", 0],
    ["작은 초 10개", 500],
  ],
};

export type ProductSeed = {
  name: string;
  category: string;
  price: number;
  description: string;
  maxPerOrder: number;
  /** Usual daily production, min–max. */
  made: [number, number];
  /** How often a pre-order includes it, relative weight. */
  popularity: number;
  options: OptionSeed[];
};

export const CATALOGUE: ProductSeed[] = [
  {
    name: "우유식빵",
    category: "식빵",
    price: 5_500,
    description: "국산 우유로 반죽해 결이 촉촉한 식빵.",
    maxPerOrder: 5,
    made: [16, 24],
    popularity: 9,
    options: [SLICE],
  },
  {
    name: "통밀식빵",
    category: "식빵",
    price: 6_000,
    description: "통밀 30%, 고소하고 담백해요.",
    maxPerOrder: 5,
    made: [8, 14],
    popularity: 5,
    options: [SLICE],
  },
  {
    name: "바게트",
    category: "하드빵",
    price: 4_500,
    description: "저온 숙성 반죽, 겉은 바삭 속은 쫄깃.",
    maxPerOrder: 6,
    made: [14, 22],
    popularity: 6,
    options: [SLICE],
  },
  {
    name: "캄파뉴",
    category: "하드빵",
    price: 7_500,
    description: "천연 발효종으로 구운 시골빵.",
    maxPerOrder: 4,
    made: [6, 10],
    popularity: 4,
    options: [SLICE],
  },
  {
    name: "크루아상",
    category: "페이스트리",
    price: 4_200,
    description: "프랑스산 버터로 겹겹이 접었어요.",
    maxPerOrder: 10,
    made: [20, 30],
    popularity: 8,
    options: [GIFT_WRAP],
  },
  {
    name: "소금빵",
    category: "페이스트리",
    price: 3_200,
    description: "버터와 천일염, 단골이 가장 많이 찾는 빵.",
    maxPerOrder: 10,
    made: [30, 40],
    popularity: 10,
    options: [],
  },
  {
    name: "플레인 베이글",
    category: "베이글",
    price: 3_500,
    description: "데쳐서 구운 쫀득한 베이글.",
    maxPerOrder: 10,
    made: [14, 20],
    popularity: 6,
    options: [CREAM],
  },
  {
    name: "블루베리 베이글",
    category: "베이글",
    price: 3_800,
    description: "블루베리를 듬뿍 넣었어요.",
    maxPerOrder: 10,
    made: [10, 16],
    popularity: 5,
    options: [CREAM],
  },
  {
    name: "얼그레이 스콘",
    category: "구움과자",
    price: 3_800,
    description: "홍차 향이 은은한 스콘, 클로티드 크림과 함께.",
    maxPerOrder: 10,
    made: [12, 18],
    popularity: 4,
    options: [CREAM],
  },
  {
    name: "휘낭시에 (5개입)",
    category: "구움과자",
    price: 9_000,
    description: "태운 버터 향의 작은 구움과자 다섯 개.",
    maxPerOrder: 6,
    made: [8, 12],
    popularity: 3,
    options: [GIFT_WRAP],
  },
  {
    name: "무화과 크림치즈 캄파뉴",
    category: "하드빵",
    price: 8_500,
    description: "반건조 무화과와 크림치즈가 들어간 캄파뉴.",
    maxPerOrder: 4,
    made: [6, 10],
    popularity: 4,
    options: [SLICE],
  },
  {
    name: "생크림 딸기 케이크 (1호)",
    category: "케이크",
    price: 34_000,
    description: "하루 전까지 예약해 주세요. 지름 15cm.",
    maxPerOrder: 2,
    made: [2, 4],
    popularity: 2,
    options: [CANDLES, GIFT_WRAP],
  },
];

/** Writes the catalogue; returns it as the storefront reads it, with each product's seed and a popularity-weighted list to draw from. */
export function seedCatalogue(tx: Tx, now: number) {
  CATALOGUE.forEach((seed, index) => {
    const product = tx
      .insert(products)
      .values({
        name: seed.name,
        category: seed.category,
        price: seed.price,
        description: seed.description,
        maxPerOrder: seed.maxPerOrder,
        sortOrder: index,
        createdAt: now - (HISTORY_DAYS + 7) * 86_400_000,
      })
      .returning({ id: products.id })
      .get();
    seed.options.forEach((group, groupIndex) => {
      const g = tx
        .insert(productOptionGroups)
        .values({ productId: product.id, name: group.name, required: group.required, sortOrder: groupIndex })
        .returning({ id: productOptionGroups.id })
        .get();
      tx.insert(productOptionChoices)
        .values(group.choices.map(([name, priceDelta], i) => ({ groupId: g.id, name, priceDelta, sortOrder: i })))
        .run();
    });
  });
  const catalogue = listProductsWithOptions({ db: tx });
  const seedOf = new Map(catalogue.map((p, i) => [p.id, CATALOGUE[i]]));
  const popularity = catalogue.flatMap((p) => Array.from({ length: seedOf.get(p.id)!.popularity }, () => p));
  return { catalogue, seedOf, popularity };
}

export function defaultOptions(product: ProductWithOptions): number[] {
  return product.optionGroups.filter((g) => g.required && g.choices.length).map((g) => g.choices[0].id);
}

export function chooseOptions(rng: Rng, product: ProductWithOptions): number[] {
  const chosen: number[] = [];
  for (const group of product.optionGroups) {
    if (!group.choices.length) continue;
    if (group.required || rng.chance(0.3)) chosen.push(rng.pick(group.choices).id);
  }
  return chosen;
}
