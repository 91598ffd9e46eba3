// guanxi export [--out FILE]: the whole store as a CONTRACT §2 document, on stdout unless --out is given.
import { chmod, writeFile } from "node:fs/promises";
import { CommandError, openCliStore, parse, UsageError } from "./args.ts";
import { exportData, exportText } from "../domain/export-data.ts";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: "string", short: "o" } }, true);
  if (values.help) {
    process.stdout.write("usage: guanxi export [--out FILE] [--db DIR]\n");
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (did you mean --out ${positionals[0]}?)`);
  const store = await openCliStore({ db: values.db });
  let text: string;
  let doc;
  try {
    doc = await exportData(store.prisma);
    text = exportText(doc);
  } finally {
    await store.close();
  }
  if (!values.out) {
    process.stdout.write(text);
    return 0;
  }
  try {
    // The export holds everything people typed: private to its owner, even when it replaces an older file.
    await writeFile(values.out, text, { mode: 0o600 });
    await chmod(values.out, 0o600);
  } catch (e) {
    throw new CommandError(`cannot write ${values.out}: ${(e as Error).message}`);
  }
  const n = (k: string) => (Array.isArray(doc[k]) ? (doc[k] as unknown[]).length : 0);
  process.stdout.write(`Exported ${n("users")} users, ${n("customers")} customers, ${n("interactions")} interactions to ${values.out}\n`);
  return 0;
}
