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

test("signup and signin are reported with the session of the token they issued", async () => {
  const signup = await auth.signup("reported");
  const signin = await auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
    body: { user_name: "reported", password: TEST_PASSWORD },
  });
  const events = recorded.slice(-2);
  expect(events.map((event) => event.action)).toEqual(["signup", "signin"]);
  const sessions = [signup.token, signin.body.token].map((token) => {
    const claims = decodeJwt(token);
    return { id: claims.sid, start: claims.session_start };
  });
  expect(sessions.map((session) => session.start)).toEqual(["signup", "signin"]);
  expect(events.map((event): unknown => event.principal.session)).toEqual(sessions);
  expect(delivered.slice(-2)).toEqual(events);
});

test("a refresh keeps the session of the sign-in it continues and reports nothing", async () => {
  const signup = await auth.signup("refresher");
  const before = recorded.length;
  let pair = { token: signup.token, refresh_token: signup.refresh_token };
  for (let refresh = 0; refresh < 3; refresh++) {
    const answer = await auth.call<typeof pair>("POST", "/api/v1/auth/refresh", {
      body: { refresh_token: pair.refresh_token },
    });
    expect(answer.status).toBe(200);
    const [first, next] = [decodeJwt(signup.token), decodeJwt(answer.body.token)];
    expect([next.sid, next.session_start]).toEqual([first.sid, "signup"]);
    expect(next.jti).not.toBe(first.jti);
    pair = answer.body;
  }
  expect(recorded.length).toBe(before);
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
