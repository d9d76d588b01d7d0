import type { ChosenOption } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ProductWithOptions } from "./catalogue";
import { withParticle } from "@/lib/korean-particle";

/**
 * The unit price of a product with the chosen option choices, and the snapshot stored on
 * the order line. A required group needs exactly one choice; an optional group at most one;
 * a choice of another product is refused.
 */
export function priceWithOptions(
  product: Pick<ProductWithOptions, "name" | "price" | "optionGroups">,
  choiceIds: readonly number[],
  field = "options",
): { unitPrice: number; options: ChosenOption[] } {
  const chosen: ChosenOption[] = [];
  const seen = new Set<number>();
  for (const id of choiceIds) {
    const group = product.optionGroups.find((g) => g.choices.some((c) => c.id === id));
    if (!group) throw new AppError("validation", `${product.name}: 없는 옵션이에요.`, { fields: { [field]: "없는 옵션이에요." } });
    if (seen.has(group.id)) {
      throw new AppError("validation", `${product.name}: ${withParticle(`'${group.name}'`, "은/는")} 하나만 고를 수 있어요.`, {
        fields: { [field]: `${withParticle(`'${group.name}'`, "은/는")} 하나만 고를 수 있어요.` },
      });
    }
    seen.add(group.id);
    const choice = group.choices.find((c) => c.id === id)!;
    chosen.push({ group: group.name, choice: choice.name, priceDelta: choice.priceDelta });
  }
  for (const group of product.optionGroups) {
    if (group.required && !seen.has(group.id) && group.choices.length > 0) {
      throw new AppError("validation", `${product.name}: ${withParticle(`'${group.name}'`, "을/를")} 골라 주세요.`, {
        fields: { [field]: `${withParticle(`'${group.name}'`, "을/를")} 골라 주세요.` },
      });
    }
  }
  const unitPrice = product.price + chosen.reduce((sum, o) => sum + o.priceDelta, 0);
  return { unitPrice, options: chosen };
}
