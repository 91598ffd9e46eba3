// Turns a database error met during an import into one line a person can act on. Prisma wraps driver errors so
// that `message` starts with a newline and, for raw queries, says "Message: `undefined`" — printed as is, that was
// `guanxi import: ` and nothing after it. The real text sits in the driver adapter's error.

const COLUMN_FIELDS: Record<string, string> = {
  customerId: "customer",
  userId: "user",
  ownerId: "owner",
  contactId: "contact",
  managerId: "manager",
  rawMessage: "message",
  searchKeys: "name",
};

/** The data-format field a table column is read from. */
export const fieldOfColumn = (column: string): string => COLUMN_FIELDS[column] ?? column;

/** The database's own message (and detail) behind a Prisma or driver error; never empty. */
export function databaseMessage(e: unknown): string {
  const err = e as {
    message?: string;
    code?: string;
    meta?: { driverAdapterError?: { message?: string; cause?: { message?: string; originalMessage?: string; detail?: string; kind?: string } } };
    cause?: { message?: string; originalMessage?: string; detail?: string };
  };
  const cause = err?.meta?.driverAdapterError?.cause ?? err?.cause;
  const parts = [cause?.originalMessage ?? cause?.message ?? err?.meta?.driverAdapterError?.message, cause?.detail];
  let text = parts.filter((p): p is string => !!p && p !== "undefined").join(" — ");
  if (!text) {
    // Prisma's own message: drop the "Invalid `prisma.x()` invocation:" preamble and blank lines.
    const lines = String(err?.message ?? e ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !/^Invalid `.*` invocation:?$/.test(l));
    text = lines.join(" ");
  }
  // One line: the CLI prints the first line of a message, and a newline there was how the text got lost before.
  text = text.replace(/\s*\n\s*/g, " ").trim();
  return text || `${(e as Error)?.name ?? "error"}${err?.code ? ` ${err.code}` : ""} (no message from the database)`;
}

/**
 * The columns an error names: the driver's `column`, or those of a constraint or index it quotes
 * ("Customer_name_key", "index row size … for index "Contact_customerId_name_key"").
 */
export function columnsInMessage(message: string, columns: string[]): string[] {
  const quoted = [...message.matchAll(/(?:constraint|index|column) "([^"]+)"/g)].map((m) => m[1]!);
  const found = new Set<string>();
  for (const q of quoted) {
    if (columns.includes(q)) found.add(q);
    // Constraint names follow Table_col1_col2_key; take the longest column names first so "customerId" beats "id".
    let rest = q;
    for (const c of [...columns].sort((a, b) => b.length - a.length)) {
      if (rest.includes(`_${c}_`) || rest.endsWith(`_${c}`)) {
        found.add(c);
        rest = rest.replace(c, "");
      }
    }
  }
  return [...found];
}
