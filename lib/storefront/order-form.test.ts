import { describe, expect, it } from "vitest";
import { parseOrderForm, storefrontOrderInput } from "./order-form";

function form(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

const valid = {
  idempotency_key: "0b6f3c1e-9f0a-4c1e-8a55-1234567890ab",
  pickup_date: "2026-11-24",
  slot: "11:00-12:00",
  name: "김단골",
  phone: "010 1234 5678",
  privacy: "on",
  items: JSON.stringify([{ product_id: 3, quantity: 2, options: [7] }]),
  note: "",
};

describe("parseOrderForm", () => {
  it("turns the storefront form into the shared order input", () => {
    const parsed = storefrontOrderInput.parse(parseOrderForm(form(valid)));
    expect(parsed.customer).toEqual({ name: "김단골", phone: "010 1234 5678" });
    expect(parsed.consent).toEqual({ privacy: true, marketing: false });
    expect(parsed.items).toEqual([{ product_id: 3, quantity: 2, options: [7] }]);
  });
  it("refuses an order without privacy consent, naming the field", () => {
    const { privacy: _omit, ...rest } = valid;
    const result = storefrontOrderInput.safeParse(parseOrderForm(form(rest)));
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.path.join(".") === "consent.privacy")).toBe(true);
  });
  it("treats a broken cart field as an empty cart", () => {
    const result = storefrontOrderInput.safeParse(parseOrderForm(form({ ...valid, items: "{not json" })));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe("cart_empty");
  });
  it("needs an idempotency key from the rendered form", () => {
    const result = storefrontOrderInput.safeParse(parseOrderForm(form({ ...valid, idempotency_key: "" })));
    expect(result.success).toBe(false);
  });
});
