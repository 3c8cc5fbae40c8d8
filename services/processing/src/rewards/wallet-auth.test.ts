/**
 * SPEC §5's original quest against the real auth service: tokens from auth's sign-up and sign-in,
 * rewards granted into auth's wallet over gRPC with a service token, through an auth outage.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { eventually } from "@questline/kit/testing/eventually";
import { describeEach } from "@questline/kit/testing/variants";
import { startAuthStack } from "../testing/auth-stack";

type Stack = Awaited<ReturnType<typeof startAuthStack>>;

describeEach("rewards into auth's wallet on %s", await testDialects(), (dialect) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startAuthStack(dialect);
  });
  afterAll(() => stack.close());

  const signIn = async (userName: string) => {
    const session = await stack.auth.call<{ token: string }>("POST", "/api/v1/auth/signin", {
      body: { user_name: userName, password: "correct horse battery" },
    });
    const tracked = await stack.call("POST", "/api/v1/track/signin", { token: session.body.token });
    expect(tracked.body.status).toBe("tracked");
    return session.body.token;
  };
  const claim = (token: string) =>
    stack.call("POST", "/api/v1/track/claim_reward", {
      token,
      body: { quest_name: "sign-in-three-times" },
    });

  test("the original quest: 100 gold for signing up, 10 + 10 diamonds, then completed", async () => {
    const account = await stack.auth.signup(`quester_${dialect}`);
    const before = await stack.balances(account.token);
    const signup = await stack.call("POST", "/api/v1/track/signup", { token: account.token });
    expect(signup.body.quests[0]).toMatchObject({ quest_name: "sign-up", status: "completed" });
    await eventually(
      async () => (await stack.balances(account.token)).gold === (before.gold ?? 0) + 100,
      "100 gold",
    );

    let token = "";
    for (let i = 0; i < 3; i++) token = await signIn(account.user_name);
    expect((await claim(token)).status).toBe(200);
    expect((await claim(token)).body.code).toBe("already_claimed");
    for (let i = 0; i < 3; i++) token = await signIn(account.user_name);
    expect((await claim(token)).status).toBe(200);
    const progress = await stack.call("GET", "/api/v1/track/progress", { token });
    expect(
      progress.body.find(
        (view: { quest_name: string }) => view.quest_name === "sign-in-three-times",
      ),
    ).toMatchObject({
      status: "completed",
      claims: 2,
    });
    await signIn(account.user_name);
    expect((await claim(token)).body.code).toBe("max_claimed");
    await eventually(
      async () => (await stack.balances(token)).diamond === (before.diamond ?? 0) + 20,
      "20 diamonds more",
    );
  });

  test("auth down during a claim: the claim succeeds, the wallet catches up once, exactly", async () => {
    const account = await stack.auth.signup(`patient_${dialect}`);
    const before = await stack.balances(account.token);
    let token = "";
    for (let i = 0; i < 3; i++) token = await signIn(account.user_name);
    await stack.stopWallet();
    const claimed = await claim(token);
    expect(claimed.status).toBe(200);
    expect(await stack.balances(token)).toEqual(before);
    await stack.startWallet();
    await eventually(
      async () => (await stack.balances(token)).diamond === (before.diamond ?? 0) + 10,
      "the grant",
    );
    const ledger = await stack.auth.call<{ entries?: unknown[] } | unknown[]>(
      "GET",
      "/api/v1/auth/wallet/ledger",
      { token },
    );
    expect(JSON.stringify(ledger.body).match(/sign-in-three-times/g)?.length).toBe(1);
  });
});
