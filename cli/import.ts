// guanxi import FILE [--dry-run]: loads a CONTRACT §2 .json file or a customers/contacts/orders .csv sheet.
// Exit 0 when the file was read (bad rows are listed on stderr, good rows load); 1 when nothing in it could be used.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { clock, CommandError, openCliStore, parse, UsageError } from "./args.ts";
import { importData, summarizeImport, type ImportOptions, type ImportProgress } from "../domain/import-data.ts";
import { csvToDocument, decodeCsv } from "../domain/import-csv.ts";
import type { ImportDocument, Section } from "../domain/import-rows.ts";
import { SECTIONS } from "../domain/import-rows.ts";

export interface LoadedFile {
  doc: ImportDocument;
  lines?: Partial<Record<Section, number[]>>;
  kind: "json" | "customers" | "contacts" | "orders";
}

export async function readImportFile(file: string): Promise<LoadedFile> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".json" && ext !== ".csv") throw new UsageError(`${file}: expected a .json data file or a .csv sheet`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new CommandError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
  if (ext === ".csv") {
    const { doc, lines, kind } = csvToDocument(decodeCsv(bytes), path.basename(file));
    return { doc, lines, kind };
  }
  try {
    return { doc: JSON.parse(decodeCsv(bytes).replace(/^\uFEFF/, "")) as ImportDocument, kind: "json" };
  } catch (e) {
    throw new CommandError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A one-line progress bar redrawn in place; only ever on a terminal. */
function progressBar(stream: NodeJS.WriteStream): NonNullable<ImportOptions["onProgress"]> & { done(): void } {
  let last = 0;
  const draw = (p: ImportProgress) => {
    const t = Date.now();
    if (p.done !== p.total && t - last < 100) return;
    last = t;
    const width = 30;
    const filled = p.total ? Math.round((p.done / p.total) * width) : width;
    stream.write(`\r\x1b[K${p.section.padEnd(13)} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${p.done}/${p.total}`);
  };
  return Object.assign(draw, { done: () => stream.write("\r\x1b[K") });
}

/** --progress off a terminal: one plain line per chunk ("progress interactions 5000/40000"), for scripts and logs. */
function progressLines(stream: NodeJS.WritableStream): NonNullable<ImportOptions["onProgress"]> & { done(): void } {
  return Object.assign((p: ImportProgress) => void stream.write(`progress ${p.section} ${p.done}/${p.total}\n`), { done() {} });
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { "dry-run": { type: "boolean" }, progress: { type: "boolean" } }, true);
  if (values.help) {
    process.stdout.write(
      "usage: guanxi import FILE [--dry-run] [--progress] [--db DIR] [--now ISO]\n" +
        "  FILE: a .json data file (CONTRACT §2) or a .csv customers/contacts/orders sheet\n" +
        "  The file loads whole or not at all; --progress prints progress lines even when stderr is not a terminal\n",
    );
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "give one file at a time" : "which file? usage: guanxi import FILE [--dry-run]");
  const file = positionals[0]!;
  const now = clock(values.now);
  const loaded = await readImportFile(file);
  const rowCount = SECTIONS.reduce((n, s) => n + (Array.isArray(loaded.doc?.[s]) ? (loaded.doc[s] as unknown[]).length : 0), 0);

  const store = await openCliStore({ db: values.db });
  const bar = process.stderr.isTTY ? progressBar(process.stderr) : values.progress ? progressLines(process.stderr) : undefined;
  let result;
  try {
    result = await importData(store.prisma, loaded.doc, {
      file: path.basename(file),
      lines: loaded.lines,
      dryRun: values["dry-run"],
      now,
      onProgress: bar,
    });
  } finally {
    bar?.done();
    await store.close();
  }

  const out = process.stdout;
  const what = loaded.kind === "json" ? "" : ` (${loaded.kind} sheet)`;
  out.write(`${values["dry-run"] ? "Dry run — nothing was saved. Would import" : "Imported"} ${file}${what}:\n`);
  for (const line of summarizeImport(result)) out.write(`  ${line}\n`);
  if (result.bad.length) {
    process.stderr.write(`${result.bad.length} bad row${result.bad.length === 1 ? "" : "s"} not loaded:\n`);
    for (const b of result.bad) process.stderr.write(`  ${b.file}:${b.row} ${b.section}.${b.field} — ${b.reason}\n`);
  }
  if (rowCount > 0 && result.bad.length >= rowCount) {
    process.stderr.write(`guanxi import: nothing in ${file} could be loaded\n`);
    return 1;
  }
  return 0;
}
