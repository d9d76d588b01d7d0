import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createInquiry } from "@/lib/inquiries/inquiries";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
});

describe("where an inquiry's answer will appear", () => {
  it("links a new customer, and one who came with their link, to their own page", () => {
    const first = createInquiry({ db, input: { name: "김단골", phone: "010-2222-3333", message: "케이크 예약 되나요?", privacy: true } });
    expect(first.myPageToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const again = createInquiry({ db, input: { token: first.myPageToken, message: "한 가지 더요" } });
    expect(again.myPageToken).toBe(first.myPageToken);
  });

  it("never hands out the page of a number someone else typed in", () => {
    const owner = createInquiry({ db, input: { name: "김단골", phone: "010-2222-3333", message: "첫 문의", privacy: true } });
    const stranger = createInquiry({ db, input: { name: "모르는 사람", phone: "01022223333", message: "남의 번호로", privacy: true } });
    expect(stranger.customerId).toBe(owner.customerId);
    expect(stranger.myPageToken).toBeNull();
  });
});
