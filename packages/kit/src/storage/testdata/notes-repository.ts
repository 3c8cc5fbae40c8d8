import { setTimeout as sleep } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import type { TenantDb } from "../types";
import type { NotesTables } from "./notes-storage";

/** A repository written the way services write theirs: once, against the Postgres types. */
export function notesRepository(store: TenantDb<NotesTables>) {
  const { notes } = store.tables;
  const ofTenant = eq(notes.tenantId, store.tenantId);
  return {
    list: () => store.db.select().from(notes).where(ofTenant).orderBy(notes.id),
    async add(title: string, tags: string[] = []) {
      const [note] = await store.transaction((tx) =>
        tx
          .insert(notes)
          .values({ tenantId: store.tenantId, title, tags, createdAt: new Date() })
          .returning(),
      );
      return note;
    },
    /** Read, then write what was read plus one: safe only if transactions really are isolated. */
    increment: (id: number) =>
      store.transaction(async (tx) => {
        const [note] = await tx
          .select({ counter: notes.counter })
          .from(notes)
          .where(and(ofTenant, eq(notes.id, id)));
        await sleep(1);
        const [updated] = await tx
          .update(notes)
          .set({ counter: (note?.counter ?? 0) + 1 })
          .where(and(ofTenant, eq(notes.id, id)))
          .returning({ counter: notes.counter });
        return updated?.counter;
      }),
  };
}
