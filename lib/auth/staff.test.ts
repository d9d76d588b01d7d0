import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { freshDb, OWNER, shopWithProducts } from "@/tests/helpers/db";
import { createStaff, listUsersForAdmin, resetStaffPassword, setStaffActive } from "./staff";
import { authenticate } from "./users";

let db: Db;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
});

describe("staff accounts", () => {
  it("deactivating a staff account makes sign-in fail; reactivating restores it", async () => {
    const staff = createStaff({ db, input: { name: "박직원", email: "Staff@Example.com", password: "staff-pass-1" } });
    expect(staff.role).toBe("staff");
    expect((await authenticate({ db, email: "staff@example.com", password: "staff-pass-1" }))?.id).toBe(staff.id);
    setStaffActive({ db, id: staff.id, active: false });
    expect(await authenticate({ db, email: "staff@example.com", password: "staff-pass-1" })).toBeNull();
    setStaffActive({ db, id: staff.id, active: true });
    expect((await authenticate({ db, email: "staff@example.com", password: "staff-pass-1" }))?.id).toBe(staff.id);
  });

  it("resets a password: the old one stops working", async () => {
    const staff = createStaff({ db, input: { name: "박직원", email: "s@example.com", password: "staff-pass-1" } });
    resetStaffPassword({ db, id: staff.id, password: "new-pass-22" });
    expect(await authenticate({ db, email: "s@example.com", password: "staff-pass-1" })).toBeNull();
    expect(await authenticate({ db, email: "s@example.com", password: "new-pass-22" })).not.toBeNull();
    expect(() => resetStaffPassword({ db, id: staff.id, password: "short" })).toThrowError(/8자 이상/);
  });

  it("never touches the owner and never lists a hash", async () => {
    const owner = listUsersForAdmin({ db }).find((u) => u.role === "owner")!;
    expect(() => setStaffActive({ db, id: owner.id, active: false })).toThrowError(/직원 계정을 찾을 수 없어요/);
    expect(await authenticate({ db, email: OWNER.email, password: OWNER.password })).not.toBeNull();
    expect(JSON.stringify(listUsersForAdmin({ db }))).not.toContain("scrypt");
  });

  it("refuses a duplicate email and an empty name", () => {
    createStaff({ db, input: { name: "박직원", email: "s@example.com", password: "staff-pass-1" } });
    expect(() => createStaff({ db, input: { name: "김직원", email: "S@example.com", password: "staff-pass-1" } })).toThrowError(
      /이미 쓰이고 있는 이메일/,
    );
    expect(() => createStaff({ db, input: { name: " ", email: "t@example.com", password: "staff-pass-1" } })).toThrowError(
      /이름을 적어 주세요/,
    );
  });
});
