import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES, serverActionProblem } from "./server-actions";

const action = (headers: Record<string, string>, method = "POST") =>
  serverActionProblem({
    method,
    headers: new Headers({ "next-action": "7f00", host: "shop.test", "content-type": "multipart/form-data; boundary=x", ...headers }),
  });

describe("serverActionProblem", () => {
  it("lets a same-origin form post through", () => {
    expect(action({ origin: "http://shop.test", "content-length": "300" })).toBeNull();
    expect(action({ origin: "http://shop.test", "content-type": "text/plain;charset=UTF-8" })).toBeNull();
  });

  it("refuses an action from another origin with 403", () => {
    expect(action({ origin: "http://evil.test" })?.status).toBe(403);
    expect(action({ origin: "null" })?.status).toBe(403);
  });

  it("judges the origin against the forwarded host when a proxy sets one", () => {
    expect(action({ origin: "https://bakery.example", "x-forwarded-host": "bakery.example" })).toBeNull();
  });

  it("refuses a body over the limit with 413 and a body no action has with 400", () => {
    expect(action({ origin: "http://shop.test", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) })?.status).toBe(413);
    expect(action({ origin: "http://shop.test", "content-type": "application/json" })?.status).toBe(400);
  });

  it("leaves every other request alone", () => {
    expect(
      serverActionProblem({ method: "POST", headers: new Headers({ origin: "http://evil.test", "content-type": "application/json" }) }),
    ).toBeNull();
    expect(action({ origin: "http://evil.test" }, "GET")).toBeNull();
  });
});
