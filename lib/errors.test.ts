import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFromZod } from "./errors";

describe("zod's own messages", () => {
  it("are Korean once lib/errors is loaded (a missing object, a wrong type)", () => {
    const parsed = z.object({ customer: z.object({ name: z.string() }), items: z.array(z.number()) }).safeParse({ items: "x" });
    const fields = fieldErrorsFromZod(parsed.error!.issues);
    expect(Object.keys(fields)).toEqual(["customer", "items"]);
    for (const message of Object.values(fields)) {
      expect(message).toMatch(/[가-힣]/);
      expect(message).not.toMatch(/Invalid input|expected/);
    }
  });
});
