import { describe, expect, it } from "vitest";
import { z } from "zod";
import en from "@/messages/en/errors.json";
import ko from "@/messages/ko/errors.json";
import { AppError, ERROR_STATUS, fieldErrorsFromZod, parseOrThrow, translateError } from "./errors";

describe("zod issues", () => {
  it("map to generic keys when the schema names none (a missing object, a wrong type), worded in each language", () => {
    const parsed = z.object({ customer: z.object({ name: z.string() }), items: z.array(z.number()) }).safeParse({ items: "x" });
    const fields = fieldErrorsFromZod(parsed.error!.issues, { items: "x" });
    expect(fields).toEqual({ customer: { code: "field_required", params: {} }, items: { code: "field_invalid", params: {} } });
    const e = new AppError("validation", { fields });
    expect(translateError(e, "ko").fields).toEqual({ customer: "필수 항목이에요.", items: "입력한 값을 확인해 주세요." });
    expect(translateError(e, "en").fields).toEqual({ customer: "This field is required.", items: "Please check this value." });
  });

  it("keep a schema's own key and its bound as a param", () => {
    expect(() => parseOrThrow(z.object({ note: z.string().max(3, "note_too_long") }), { note: "long" })).toThrowError(
      expect.objectContaining({ code: "validation", fields: { note: { code: "note_too_long", params: { maximum: 3 } } } }),
    );
    try {
      parseOrThrow(z.object({ note: z.string().max(3, "note_too_long") }), { note: "long" });
    } catch (e) {
      expect(translateError(e as AppError, "ko")).toEqual({
        code: "validation",
        message: "입력한 내용을 다시 확인해 주세요.",
        fields: { note: "요청사항은 3자까지 적을 수 있어요." },
      });
      expect(translateError(e as AppError, "en").fields).toEqual({ note: "The request can be up to 3 characters." });
      expect((e as AppError).message).toBe("요청사항은 3자까지 적을 수 있어요.");
    }
  });
});

describe("AppError", () => {
  it("carries no sentence: code, key and params, worded per language with ICU numbers", () => {
    const e = new AppError("insufficient_points", {
      message: "points_over_balance",
      params: { balance: 12500 },
      fields: { points: "points_over_balance_field" },
    });
    expect(e.status).toBe(422);
    expect(translateError(e, "ko")).toEqual({
      code: "insufficient_points",
      message: "포인트 잔액이 모자라요. 지금 잔액은 12,500P예요.",
      fields: { points: "잔액 12,500P보다 많아요." },
    });
    expect(translateError(e, "en").message).toBe("Not enough points. The balance is 12,500 P.");
  });

  it("has a sentence for every code in both catalogues, and the catalogues have the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const code of Object.keys(ERROR_STATUS)) expect(ko).toHaveProperty(code);
    for (const text of Object.values(en)) expect(text).not.toMatch(/[가-힣]/);
  });
});

describe("the edge's language", () => {
  it("API: the first supported Accept-Language by preference, Korean when none", async () => {
    const { localeFromAcceptLanguage, cliLocale } = await import("@/i18n/messages");
    expect(localeFromAcceptLanguage("en")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR, en-GB;q=0.8, ko;q=0.9")).toBe("ko");
    expect(localeFromAcceptLanguage("de, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("en;q=0")).toBe("ko");
    expect(localeFromAcceptLanguage(null)).toBe("ko");
    expect(cliLocale({ LANG: "en_US.UTF-8" })).toBe("en");
    expect(cliLocale({ LANG: "ko_KR.UTF-8" })).toBe("ko");
    expect(cliLocale({})).toBe("ko");
  });
});

describe("AppError message", () => {
  it("is the Korean sentence when read, in the stack's first line too, and an ordinary writable, non-enumerable property after", () => {
    const e = new AppError("sold_out", { message: "sold_out_items", params: { items: "크루아상(0)" } });
    expect(Object.keys(e)).not.toContain("message");
    expect(e.stack!.split("\n")[0]).toBe("AppError: 준비된 수량이 모자라요 (남은 수량): 크루아상(0)");
    expect(e.message).toBe("준비된 수량이 모자라요 (남은 수량): 크루아상(0)");
    expect(Object.getOwnPropertyDescriptor(e, "message")).toEqual({
      value: "준비된 수량이 모자라요 (남은 수량): 크루아상(0)",
      writable: true,
      enumerable: false,
      configurable: true,
    });
    const f = new AppError("not_found");
    f.message = "replaced";
    expect([f.message, String(f)]).toEqual(["replaced", "AppError: replaced"]);
  });
});
