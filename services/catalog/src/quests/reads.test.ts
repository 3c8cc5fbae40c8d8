/** The catalog's read suite against the catalog process itself, on each dialect. */
import { afterAll, beforeAll } from "bun:test";
import { testDialects } from "@questline/kit/testing/dialects";
import { describeEach } from "@questline/kit/testing/variants";
import { startTestCatalog, type TestCatalog } from "../testing/harness";
import { catalogReadSuite } from "../testing/read-suite";

describeEach("catalog reads from the catalog process on %s", await testDialects(), (dialect) => {
  let catalog: TestCatalog;
  let listeners: { httpUrl: string; grpcUrl: string };

  beforeAll(async () => {
    catalog = await startTestCatalog(dialect);
    listeners = await catalog.listen();
  });
  afterAll(() => catalog.close());

  catalogReadSuite(() => ({ ...listeners, writer: catalog }), { grpc: true });
});
