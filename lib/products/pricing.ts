import type { ChosenOption } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ProductWithOptions } from "./catalogue";

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
    if (!group)
      throw new AppError("validation", {
        message: "option_unknown",
        params: { product: product.name },
        fields: { [field]: "option_unknown_field" },
      });
    if (seen.has(group.id)) {
      throw new AppError("validation", {
        message: "option_one_only",
        params: { product: product.name, group: group.name },
        fields: { [field]: "option_one_only_field" },
      });
    }
    seen.add(group.id);
    const choice = group.choices.find((c) => c.id === id)!;
    chosen.push({ group: group.name, choice: choice.name, priceDelta: choice.priceDelta });
  }
  for (const group of product.optionGroups) {
    if (group.required && !seen.has(group.id) && group.choices.length > 0) {
      throw new AppError("validation", {
        message: "option_required",
        params: { product: product.name, group: group.name },
        fields: { [field]: "option_required_field" },
      });
    }
  }
  const unitPrice = product.price + chosen.reduce((sum, o) => sum + o.priceDelta, 0);
  return { unitPrice, options: chosen };
}
