/** The seam where sign-ins are reported to processing (wired by the processing issue). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { decodeJwt } from "jose";
import { type AuthHarness, startAuth, TEST_PASSWORD } from "../testing/harness";
import type { SignedInEvent } from "./service";

const recorded: SignedInEvent[] = [];
const delivered: SignedInEvent[] = [];
let refuseNext = false;
let auth: AuthHarness;

beforeAll(async () => {
  auth = await startAuth(
    "sqlite",
    {},
    {
      async record(event) {
        if (refuseNext) {
          refuseNext = false;
          throw new Error("outbox unavailable");
        }
        recorded.push(event);
      },
      async deliver(event) {
        delivered.push(event);
      },
    },
  );
});
afterAll(() => auth.close());

test("signup and signin are reported with the jti of the token they issued", async () => {
  const signup = await auth.signup("reported");
  const signin = await auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
    body: { user_name: "reported", password: TEST_PASSWORD },
  });
  const events = recorded.slice(-2);
  expect(events.map((event) => event.action)).toEqual(["signup", "signin"]);
  const issued = [decodeJwt(signup.token).jti, decodeJwt(signin.body.token).jti];
  expect(events.map((event): string | undefined => event.principal.jti)).toEqual(issued);
  expect(delivered.slice(-2)).toEqual(events);
});

test("when recording fails, the signup is rolled back as a whole", async () => {
  refuseNext = true;
  const failed = await auth.call("POST", "/api/v1/auth/signup", {
    body: { user_name: "unrecorded", password: TEST_PASSWORD },
  });
  expect(failed.status).toBe(500);
  // The name is still free: no account was left behind.
  expect((await auth.signup("unrecorded")).user_name).toBe("unrecorded");
});
