// The `guanxi` command as people run it: a real process, real exit codes, stdout and stderr.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { pgAdmin } from "../helpers/pg-admin.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(ROOT, "tests/fixtures/fixture.json");
const tmp = mkdtempSync(path.join(tmpdir(), "guanxi-cli-"));

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function guanxi(args: string[], env: Record<string, string | undefined> = {}): Promise<Ran> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, GUANXI_NOW: "2026-03-02T01:30:00Z", ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve) => {
    execFile("node", [path.join(ROOT, "bin/guanxi.mjs"), ...args], { cwd: tmp, env: childEnv, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each backend: how to point the command at a fresh store of its own. On a server, a scratch database per store
// (never the shared `test` database the suite's URL names).
interface Backend {
  name: string;
  args: string[];
  env: Record<string, string | undefined>;
}
const scratchDbs: string[] = [];


async function backends(label: string): Promise<Backend[]> {
  const out: Backend[] = [{ name: "PGlite", args: ["--db", path.join(tmp, label)], env: { DATABASE_URL: undefined } }];
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `gx_cli_${randomBytes(4).toString("hex")}`;
    await pgAdmin(`CREATE DATABASE "${name}"`);
    scratchDbs.push(name);
    const u = new URL(url);
    u.pathname = `/${name}`;
    out.push({ name: "PostgreSQL", args: [], env: { DATABASE_URL: u.toString() } });
  }
  return out;
}

afterAll(async () => {
  for (const name of scratchDbs.splice(0)) await pgAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  rmSync(tmp, { recursive: true, force: true });
});

// Each command is a fresh Node process (tsx, Prisma, PGlite start-up): generous limits for a loaded CI machine.
describe("guanxi import / export", { timeout: 240_000 }, () => {
  it("imports the fixture, is idempotent, and exports what an import reproduces", async () => {
    for (const b of await backends("roundtrip")) {
      const first = await guanxi(["import", FIXTURE, ...b.args], b.env);
      expect(first, b.name).toMatchObject({ code: 0 });
      expect(first.stdout).toContain("customers: 12 created, 0 updated, 0 unchanged");
      expect(first.stdout).toContain("interactions: 15 created");
      expect(first.stderr).not.toMatch(/bad row/);

      const again = await guanxi(["import", FIXTURE, ...b.args], b.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("customers: 0 created, 0 updated, 12 unchanged");

      const out = await guanxi(["export", ...b.args], b.env);
      expect(out.code).toBe(0);
      const doc = JSON.parse(out.stdout);
      expect(doc.version).toBe(1);
      expect(doc.customers).toHaveLength(12);
      expect(doc.users.map((u: { handle: string }) => u.handle)).toContain("zhang.min");

      const file = path.join(tmp, `export-${b.name}.json`);
      const toFile = await guanxi(["export", "--out", file, ...b.args], b.env);
      expect(toFile.code).toBe(0);
      expect(toFile.stdout).toContain("12 customers");
      expect(readFileSync(file, "utf8")).toBe(out.stdout);
    }
  });

  it("dry-runs without saving", async () => {
    const db = ["--db", path.join(tmp, "dry")];
    const r = await guanxi(["import", FIXTURE, "--dry-run", ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Dry run");
    expect(r.stdout).toContain("customers: 12 created");
    const out = await guanxi(["export", ...db]);
    expect(JSON.parse(out.stdout).customers).toEqual([]);
  });

  it("lists bad rows on stderr with file:row field and still loads the good ones (exit 0)", async () => {
    const file = path.join(tmp, "some-bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        users: [{ handle: "amy", name: "Amy", role: "manager" }],
        customers: [{ name: "Good Co", owner: "amy" }, { name: "Bad Co", owner: "nobody" }],
        surveys: [{ customer: "Good Co", scale: "csat", score: 7, respondedAt: "2026-02-01" }],
      }),
    );
    const db = ["--db", path.join(tmp, "bad")];
    const r = await guanxi(["import", file, ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("customers: 1 created");
    expect(r.stderr).toContain("2 bad rows");
    expect(r.stderr).toContain('some-bad.json:2 customers.owner — unknown user "nobody"');
    expect(r.stderr).toContain("some-bad.json:1 surveys.score");
  });

  it("exits 1 when nothing could be read, 2 on bad usage", async () => {
    const db = ["--db", path.join(tmp, "fail")];
    const allBad = path.join(tmp, "all-bad.json");
    writeFileSync(allBad, JSON.stringify({ customers: [{ name: "X", owner: "nobody" }] }));
    const r1 = await guanxi(["import", allBad, ...db]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain("nothing in");

    const notJson = path.join(tmp, "broken.json");
    writeFileSync(notJson, "{ nope");
    const r2 = await guanxi(["import", notJson, ...db]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/not valid JSON/);

    const r3 = await guanxi(["import", path.join(tmp, "missing.json"), ...db]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain("no such file");

    expect((await guanxi(["import", ...db])).code).toBe(2);
    expect((await guanxi(["import", allBad, "--frobnicate", ...db])).code).toBe(2);
    expect((await guanxi(["export", "stray", ...db])).code).toBe(2);
  });

  it("imports a CSV sheet with Chinese headers", async () => {
    const db = ["--db", path.join(tmp, "csv")];
    await guanxi(["import", FIXTURE, ...db]);
    const sheet = path.join(tmp, "订单.csv");
    writeFileSync(sheet, "\uFEFF客户名称,下单日期,订单金额\n星辰科技,2026/3/1,\"¥66,000\"\n不存在的公司,2026/3/1,100\n");
    const r = await guanxi(["import", sheet, ...db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("orders sheet");
    expect(r.stdout).toContain("orders: 1 created");
    expect(r.stderr).toContain('订单.csv:3 orders.customer — unknown customer "不存在的公司"');
    const doc = JSON.parse((await guanxi(["export", ...db])).stdout);
    expect(doc.orders).toContainEqual({ customer: "星辰科技", amount: 66000, currency: "CNY", orderedAt: "2026-03-01T00:00:00.000Z" });
  });
});

describe("guanxi seed and users", { timeout: 240_000 }, () => {
  it("seeds the demo company once, dated relative to now", async () => {
    for (const b of await backends("seed")) {
      const r = await guanxi(["seed", "--demo", ...b.args], b.env);
      expect(r.code, `${b.name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("customers: 15 created");
      const again = await guanxi(["seed", "--demo", ...b.args], b.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("already loaded");
      const doc = JSON.parse((await guanxi(["export", ...b.args], b.env)).stdout);
      // the most recent demo interaction is within days of GUANXI_NOW, whatever day the demo was written
      const latest = doc.interactions.map((i: { occurredAt: string }) => i.occurredAt).sort().at(-1);
      expect(Math.abs(Date.parse(latest) - Date.parse("2026-03-02T01:30:00Z"))).toBeLessThan(3 * 86_400_000);
    }
    expect((await guanxi(["seed", "--db", path.join(tmp, "x")])).code).toBe(2);
  });

  it("adds, links, lists and invites users; refuses duplicates (1) and bad options (2)", async () => {
    const db = ["--db", path.join(tmp, "users")];
    const add = await guanxi(["users", "add", "wang", "--name", "王经理", "--role", "manager", "--tz", "Asia/Shanghai", "--locale", "zh", ...db]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain("Added wang");
    expect((await guanxi(["users", "add", "amy", "--name", "Amy Lee", "--manager", "wang", "--tz", "America/New_York", ...db])).code).toBe(0);
    const link = await guanxi(["users", "link", "amy", "--platform", "telegram", "--id", "4242", ...db]);
    expect(link.code).toBe(0);
    expect(link.stdout).toContain("Linked telegram 4242 to amy");

    const list = await guanxi(["users", "list", "--json", ...db]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ handle: "amy", manager: "wang", timezone: "America/New_York", identities: [{ platform: "telegram", externalId: "4242" }] }),
      expect.objectContaining({ handle: "wang", role: "manager", locale: "zh" }),
    ]);
    const table = await guanxi(["users", "list", ...db]);
    expect(table.stdout).toMatch(/amy\s+Amy Lee\s+rep\s+wang/);

    const inv = await guanxi(["users", "invite", "amy", "--hours", "24", ...db]);
    expect(inv.code).toBe(0);
    expect(inv.stdout).toMatch(/Invite code for amy: [A-Z2-9]{8}/);
    expect(inv.stdout).toContain("2026-03-03T01:30:00.000Z");

    const dup = await guanxi(["users", "add", "amy", "--name", "Again", ...db]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('"amy" is already taken');
    expect((await guanxi(["users", "add", "x", "--name", "X", "--role", "boss", ...db])).code).toBe(2);
    expect((await guanxi(["users", "add", "x", ...db])).code).toBe(2);
    expect((await guanxi(["users", "link", "amy", "--platform", "icq", "--id", "1", ...db])).code).toBe(2);
    expect((await guanxi(["users", "frob", ...db])).code).toBe(2);
  });
});

describe("--help", { timeout: 120_000 }, () => {
  it("every command prints its usage and options, exits 0, and opens no store", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "guanxi-help-"));
    try {
      for (const cmd of ["chat", "serve", "import", "export", "digest", "users", "seed"]) {
        const r = await new Promise<Ran>((resolve) =>
          execFile("node", [path.join(ROOT, "bin/guanxi.mjs"), cmd, "--help"], { cwd, env: { ...process.env, DATABASE_URL: "" } }, (err, stdout, stderr) =>
            resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          ),
        );
        expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
        expect(r.stdout).toContain(`usage: guanxi ${cmd}`);
        expect(r.stdout).toMatch(/--|users (add|list)/);
      }
      expect(readdirSync(cwd)).toEqual([]); // no ./data created
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
