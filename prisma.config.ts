// Prisma 6.19 with the WebAssembly schema engine: no binary download, works offline (see DESIGN.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The schema names env("DATABASE_URL") so the CLI can read it; the embedded store never uses this URL.
process.env.DATABASE_URL ??= "postgresql://localhost/guanxi";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaPGlite(new PGlite());
  },
});
