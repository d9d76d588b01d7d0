import { describe, expect, it } from "vitest";
import { particle, withParticle } from "./korean-particle";

describe("particle", () => {
  it("follows the final consonant of a Hangul word", () => {
    expect(particle("노쇼", "으로/로")).toBe("로");
    expect(particle("준비 중", "으로/로")).toBe("으로");
    expect(particle("픽업 완료", "으로/로")).toBe("로");
    expect(particle("서울", "으로/로")).toBe("로"); // ㄹ takes 로
    expect(particle("식빵", "을/를")).toBe("을");
    expect(particle("베이글", "을/를")).toBe("을");
    expect(particle("케이크", "을/를")).toBe("를");
    expect(particle("가격", "은/는")).toBe("은");
    expect(particle("수량", "이/가")).toBe("이");
    expect(particle("소스", "과/와")).toBe("와");
  });

  it("reads digits as Sino-Korean numbers", () => {
    expect(withParticle("J574", "을/를")).toBe("J574를"); // …칠십사
    expect(particle("J573", "을/를")).toBe("을"); // 삼
    expect(particle("A571", "을/를")).toBe("을"); // 일
    expect(particle("A571", "으로/로")).toBe("로"); // ㄹ
    expect(particle("A576", "으로/로")).toBe("으로"); // 육
    expect(particle("B570", "을/를")).toBe("을"); // 칠십
    expect(particle("B500", "은/는")).toBe("은"); // 오백
    expect(particle("3000", "이/가")).toBe("이"); // 삼천
    expect(particle("0", "은/는")).toBe("은"); // 영
    expect(particle("12", "은/는")).toBe("는"); // 십이
  });

  it("reads Latin letters by their Korean names", () => {
    expect(particle("A-3", "은/는")).toBe("은"); // 삼
    expect(particle("XL", "을/를")).toBe("을"); // 엘
    expect(particle("XL", "으로/로")).toBe("로");
    expect(particle("M", "이/가")).toBe("이"); // 엠
    expect(particle("KB", "이/가")).toBe("가"); // 비
    expect(particle("Cafe", "은/는")).toBe("는");
  });

  it("skips quotes and a trailing parenthetical", () => {
    expect(withParticle("'슬라이스'", "을/를")).toBe("'슬라이스'를");
    expect(withParticle("'크기'", "은/는")).toBe("'크기'는");
    expect(particle("11월 24일 (화)", "은/는")).toBe("은");
    expect(particle("Nov 24 (Tue)", "은/는")).toBe("는");
  });

  it("keeps both forms when the ending cannot be read", () => {
    expect(particle("", "을/를")).toBe("을(를)");
    expect(particle("パン", "이/가")).toBe("이(가)");
    expect(particle("🍞", "으로/로")).toBe("(으)로");
  });
});
