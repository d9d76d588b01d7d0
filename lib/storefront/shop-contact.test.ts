import { describe, expect, it } from "vitest";
import { mapSearchLinks, telHref } from "./shop-contact";

describe("shop contact links", () => {
  it("builds map searches from the address, encoded", () => {
    expect(mapSearchLinks(" 서울 마포구 망원로 12 ")).toEqual({
      naver: "https://map.naver.com/p/search/%EC%84%9C%EC%9A%B8%20%EB%A7%88%ED%8F%AC%EA%B5%AC%20%EB%A7%9D%EC%9B%90%EB%A1%9C%2012",
      kakao: "https://map.kakao.com/link/search/%EC%84%9C%EC%9A%B8%20%EB%A7%88%ED%8F%AC%EA%B5%AC%20%EB%A7%9D%EC%9B%90%EB%A1%9C%2012",
    });
  });

  it("dials the digits of the stored number", () => {
    expect(telHref("02-123-4567")).toBe("tel:021234567");
    expect(telHref("+82 10-1234-5678")).toBe("tel:+821012345678");
  });
});
