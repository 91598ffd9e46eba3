// `guanxi import` as a real process, for what the columns refuse: a row the old checks passed but the database
// rejected (amount 1e12, NUL, a lone surrogate) printed `guanxi import: ` and nothing after it, with earlier sections
// already committed. Now such rows are bad rows (named by file, row and field) and the good rows load; a database
// error that still happens is one line naming file, section, row and field, and nothing is written.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../prisma/client.ts";
import { pgAdmin } from "../helpers/pg-admin.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(tmpdir(), "guanxi-import-errors-"));
const dropLater: string[] = [];

interface Backend {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  open(): Promise<Store>;
}


/** The embedded store by default; a scratch database of its own when DATABASE_URL names a server. */
async function backend(label: string): Promise<Backend> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const dir = path.join(tmp, label);
    const env = { ...process.env };
    delete env.DATABASE_URL;
    return { name: "PGlite", args: ["--db", dir], env, open: () => openStore({ dir, databaseUrl: undefined }) };
  }
  const name = `gx_imperr_${randomBytes(4).toString("hex")}`;
  await pgAdmin(`CREATE DATABASE "${name}"`);
  dropLater.push(name);
  const u = new URL(server);
  u.pathname = `/${name}`;
  return { name: "PostgreSQL", args: [], env: { ...process.env, DATABASE_URL: u.toString() }, open: () => openStore({ databaseUrl: u.toString() }) };
}

function guanxi(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, "bin/guanxi.mjs"), ...args], { cwd: tmp, env: { ...env, GUANXI_NOW: "2026-03-02T01:30:00Z" } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(async () => {
  for (const name of dropLater.splice(0)) await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(tmp, { recursive: true, force: true });
});

const base = {
  users: [{ handle: "amy", name: "Amy", role: "manager" }],
  customers: [{ name: "Good Co", owner: "amy" }],
};

describe("guanxi import and what the columns refuse", { timeout: 240_000 }, () => {
  it("reports amount 1e12, NUL and a lone surrogate as bad rows by file, row and field, and loads the good rows", async () => {
    const b = await backend("limits");
    const file = path.join(tmp, "limits.json");
    // JSON escapes, as a file carries them: \u0000 and an unpaired \ud800.
    writeFileSync(
      file,
      JSON.stringify({
        ...base,
        orders: [{ customer: "Good Co", amount: 1e12, orderedAt: "2026-02-01" }, { customer: "Good Co", amount: 250, orderedAt: "2026-02-01" }],
        interactions: [
          { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-01T10:00:00Z", summary: "nul\u0000here" },
          { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-02T10:00:00Z", summary: "broken \ud800" },
          { customer: "Good Co", user: "amy", kind: "visit", occurredAt: "2026-02-03T10:00:00Z", summary: "fine" },
        ],
      }),
    );
    const r = await guanxi(["import", file, ...b.args], b.env);
    expect(r.code, `${b.name}: ${r.stderr}`).toBe(0);
    expect(r.stdout).toContain("interactions: 1 created");
    expect(r.stdout).toContain("orders: 1 created");
    expect(r.stderr).toContain("3 bad rows not loaded:");
    expect(r.stderr).toMatch(/limits\.json:1 interactions\.summary — contains a NUL character/);
    expect(r.stderr).toMatch(/limits\.json:2 interactions\.summary — contains broken Unicode/);
    expect(r.stderr).toMatch(/limits\.json:1 orders\.amount — is too large/);
  });

  it("a database error names file, section, row and field on one line, exits 1, and writes nothing", async () => {
    const b = await backend("dberror");
    const seeded = await b.open();
    try {
      await seeded.prisma.user.create({ data: { handle: "amy", name: "Amy", role: "manager", timezone: "Asia/Shanghai" } });
      // A rule no row check knows about, so the refusal comes from the database itself.
      await seeded.prisma.$executeRawUnsafe(`ALTER TABLE "Interaction" ADD CONSTRAINT "Interaction_summary_check" CHECK (summary <> 'boom')`);
    } finally {
      await seeded.close();
    }
    const file = path.join(tmp, "boom.json");
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ handle: "amy", name: "Amy Renamed", role: "rep", timezone: "UTC" }, { handle: "bo", name: "Bo" }],
        customers: [{ name: "Good Co", owner: "amy" }],
        interactions: [
          { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-01T10:00:00Z", summary: "ok" },
          { customer: "Good Co", user: "amy", kind: "call", occurredAt: "2026-02-02T10:00:00Z", summary: "boom" },
        ],
      }),
    );
    const r = await guanxi(["import", file, ...b.args], b.env);
    expect(r.code, b.name).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^guanxi import: boom\.json: interactions row 2 \(summary\) was refused by the database: .*Interaction_summary_check.*Nothing was imported\.$/);
    const after = await b.open();
    try {
      expect(await after.prisma.user.findMany({ select: { handle: true, name: true, role: true, timezone: true } })).toEqual([
        { handle: "amy", name: "Amy", role: "manager", timezone: "Asia/Shanghai" },
      ]);
      expect(await after.prisma.customer.count()).toBe(0);
      expect(await after.prisma.auditLog.count()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
