import { afterAll, beforeAll, expect, test } from "bun:test";
import { appErrorOf } from "@questline/kit/testing/app-error";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { type AuthHarness, startAuth } from "../testing/harness";
import type { Wallet } from "./service";

const CONCURRENT_REPEATS = 50;

describeEach("wallet on %s", await testDialects(), (dialect) => {
  let auth: AuthHarness;
  let wallet: Wallet;
  beforeAll(async () => {
    auth = await startAuth(dialect);
    wallet = auth.service.wallet;
  });
  afterAll(() => auth.close());

  const grant = (grantId: string, userId: string, items: { item: string; qty: number }[]) =>
    wallet.grant("default", { grantId, userId, items, reason: `test ${grantId}` });

  test("balances are the sums of the grants", async () => {
    const { user_id } = await auth.signup("saver");
    await grant("g-1", user_id, [{ item: "gold", qty: 100 }]);
    const second = await grant("g-2", user_id, [
      { item: "gold", qty: 5 },
      { item: "diamond", qty: 20 },
    ]);
    expect(second).toEqual({
      grantId: "g-2",
      balances: { diamond: 20, gold: 105 },
      duplicate: false,
    });
    expect(await wallet.balances("default", user_id)).toEqual({ diamond: 20, gold: 105 });
  });

  test(`${CONCURRENT_REPEATS} concurrent repeats of one grant apply it once and all answer the first result`, async () => {
    const { user_id } = await auth.signup("racer");
    await grant("seed", user_id, [{ item: "gold", qty: 1 }]);
    const items = [
      { item: "diamond", qty: 10 },
      { item: "gold", qty: 7 },
    ];
    const results = await Promise.all(
      Array.from({ length: CONCURRENT_REPEATS }, () => grant("claim-42", user_id, items)),
    );
    const expected = { diamond: 10, gold: 8 };
    for (const result of results) expect(result.balances).toEqual(expected);
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await wallet.balances("default", user_id)).toEqual(expected);
    const ledger = await wallet.ledger("default", user_id, { limit: 100 });
    expect(ledger.entries.map((entry) => entry.position)).toEqual([3, 2, 1]);
  });

  test("concurrent different grants to one user all land, each once", async () => {
    const { user_id } = await auth.signup("busy");
    const grants = Array.from({ length: 20 }, (_, index) =>
      grant(`busy-${index}`, user_id, [{ item: "gold", qty: index + 1 }]),
    );
    await Promise.all(grants);
    expect(await wallet.balances("default", user_id)).toEqual({ gold: 210 });
    const ledger = await wallet.ledger("default", user_id, { limit: 100 });
    expect(ledger.entries.map((entry) => entry.position)).toEqual(
      Array.from({ length: 20 }, (_, index) => 20 - index),
    );
  });

  test("a grant is all or nothing: one bad item changes nothing", async () => {
    const { user_id } = await auth.signup("careful");
    const failure = await appErrorOf(
      grant("bad", user_id, [
        { item: "gold", qty: 10 },
        { item: "diamond", qty: 0 },
      ]),
    );
    expect(failure.status).toBe(422);
    expect(failure.field).toBe("items/1/qty");
    expect(await wallet.balances("default", user_id)).toEqual({});
    // The id was never used, so a corrected grant under it applies.
    const fixed = await grant("bad", user_id, [{ item: "gold", qty: 10 }]);
    expect(fixed.duplicate).toBe(false);
  });

  test("a grant to an unknown user is 404 and leaves no trace", async () => {
    const failure = await appErrorOf(grant("ghost", "no-such-user", [{ item: "gold", qty: 1 }]));
    expect(failure.code).toBe("unknown_user");
    const { user_id } = await auth.signup("later");
    expect((await grant("ghost", user_id, [{ item: "gold", qty: 1 }])).duplicate).toBe(false);
  });

  test("a grant id reused for other items is a conflict, not a silent duplicate", async () => {
    const { user_id } = await auth.signup("strict");
    await grant("once", user_id, [{ item: "gold", qty: 3 }]);
    const failure = await appErrorOf(grant("once", user_id, [{ item: "gold", qty: 4 }]));
    expect(failure.code).toBe("grant_id_reused");
    expect(await wallet.balances("default", user_id)).toEqual({ gold: 3 });
  });

  test("items in another order are the same grant", async () => {
    const { user_id } = await auth.signup("orderly");
    await grant("mixed", user_id, [
      { item: "gold", qty: 1 },
      { item: "diamond", qty: 2 },
    ]);
    const repeat = await grant("mixed", user_id, [
      { item: "diamond", qty: 2 },
      { item: "gold", qty: 1 },
    ]);
    expect(repeat.duplicate).toBe(true);
  });

  test("the ledger route pages newest first", async () => {
    const pair = await auth.signup("pager");
    for (let index = 1; index <= 5; index++) {
      await grant(`page-${index}`, pair.user_id, [{ item: "gold", qty: index }]);
    }
    type Page = { entries: { grant_id: string; qty: number }[]; next_before: number | null };
    const first = await auth.call<Page>("GET", "/api/v1/auth/wallet/ledger?limit=2", {
      token: pair.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.entries.map((entry) => entry.grant_id)).toEqual(["page-5", "page-4"]);
    const second = await auth.call<Page>(
      "GET",
      `/api/v1/auth/wallet/ledger?limit=2&before=${first.body.next_before}`,
      { token: pair.token },
    );
    expect(second.body.entries.map((entry) => entry.grant_id)).toEqual(["page-3", "page-2"]);
    const last = await auth.call<Page>(
      "GET",
      `/api/v1/auth/wallet/ledger?limit=2&before=${second.body.next_before}`,
      { token: pair.token },
    );
    expect(last.body).toMatchObject({
      entries: [{ grant_id: "page-1", qty: 1 }],
      next_before: null,
    });
    const me = await auth.call("GET", "/api/v1/auth/me", { token: pair.token });
    expect(me.body.balances).toEqual({ gold: 15 });
    expect(
      (await auth.call("GET", "/api/v1/auth/wallet/ledger?limit=0", { token: pair.token })).status,
    ).toBe(422);
    expect((await auth.call("GET", "/api/v1/auth/wallet/ledger")).status).toBe(401);
  });
});
