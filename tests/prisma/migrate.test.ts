import { describe, expect, it } from "vitest";
import { freshStore } from "../helpers/store.ts";
import { listMigrations } from "../../prisma/migrate.ts";

describe("migrations", () => {
  it("apply every migration once and record Prisma's checksum", async () => {
    const store = await freshStore();
    const rows = await store.prisma.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(listMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    expect(await store.prisma.customer.count()).toBe(0);
  });
});
