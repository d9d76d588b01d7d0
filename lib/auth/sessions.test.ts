import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { createSession, revokeSession, sessionUserId } from "./sessions";
import { createStaff, resetStaffPassword, setStaffActive } from "./staff";

let db: Db;
let staffId: number;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
  staffId = createStaff({ db, input: { name: "박직원", email: "s@example.com", password: "staff-pass-1" } }).id;
});

describe("server-side sessions", () => {
  it("sign-out ends the session: the same id is refused afterwards", () => {
    const sid = createSession({ db, userId: staffId });
    expect(sessionUserId({ db, id: sid })).toBe(staffId);
    revokeSession({ db, id: sid });
    expect(sessionUserId({ db, id: sid })).toBeNull();
    expect(db.select().from(sessions).all()[0]).toMatchObject({ revokedReason: "signed_out" });
  });

  it("deactivation ends every session of the account and reactivation does not revive them", () => {
    const a = createSession({ db, userId: staffId });
    const b = createSession({ db, userId: staffId });
    setStaffActive({ db, id: staffId, active: false });
    setStaffActive({ db, id: staffId, active: true });
    expect(sessionUserId({ db, id: a })).toBeNull();
    expect(sessionUserId({ db, id: b })).toBeNull();
    expect(sessionUserId({ db, id: createSession({ db, userId: staffId }) })).toBe(staffId);
  });

  it("a password reset ends the sessions made before it", () => {
    const before = createSession({ db, userId: staffId });
    resetStaffPassword({ db, id: staffId, password: "new-pass-22" });
    expect(sessionUserId({ db, id: before })).toBeNull();
    expect(db.select().from(sessions).all()[0]).toMatchObject({ revokedReason: "password_reset" });
  });

  it("refuses unknown or malformed ids", () => {
    expect(sessionUserId({ db, id: "nope" })).toBeNull();
    expect(sessionUserId({ db, id: undefined })).toBeNull();
    expect(sessionUserId({ db, id: 42 })).toBeNull();
  });
});
