// guanxi users add|link|list|invite: who may talk to the bot and which Slack/Telegram accounts are theirs.
// Whoever runs this on the server is trusted (no actor); the domain still validates and audits every change.
import { clock, openCliStore, parse, UsageError } from "./args.ts";
import { USERS_USAGE } from "./help.ts";
import { addUser, createInvite, linkIdentity, listUsers, PLATFORMS } from "../domain/users.ts";

const USAGE = `usage:\n${USERS_USAGE}\ncommon: --db DIR (embedded store) or DATABASE_URL=postgresql://…`;

const OPTIONS = {
  name: { type: "string" },
  role: { type: "string" },
  manager: { type: "string" },
  tz: { type: "string" },
  locale: { type: "string" },
  platform: { type: "string" },
  id: { type: "string" },
  hours: { type: "string" },
  json: { type: "boolean" },
} as const;

const oneOf = (flag: string, v: string | undefined, allowed: readonly string[]) => {
  if (v !== undefined && !allowed.includes(v)) throw new UsageError(`--${flag} must be one of ${allowed.join(", ")} (got "${v}")`);
  return v;
};

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, true);
  const [sub, handle, ...extra] = positionals;
  if (values.help || sub === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (!sub || !["add", "link", "list", "invite"].includes(sub)) throw new UsageError(`${sub ? `unknown subcommand "${sub}"` : "add, link, list or invite?"}\n${USAGE}`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (sub !== "list" && !handle) throw new UsageError(`users ${sub} needs a HANDLE\n${USAGE}`);
  if (sub === "list" && handle) throw new UsageError(`unexpected argument "${handle}"`);
  const now = clock(values.now);
  // Check usage before opening the store: a typo should not wait for migrations.
  if (sub === "add") {
    if (!values.name) throw new UsageError("users add needs --name NAME");
    oneOf("role", values.role, ["rep", "manager", "admin"]);
    oneOf("locale", values.locale, ["en", "zh"]);
  }
  if (sub === "link") {
    if (!values.platform || !values.id) throw new UsageError("users link needs --platform slack|telegram and --id EXTERNAL_ID");
    oneOf("platform", values.platform, PLATFORMS);
  }
  let hours: number | undefined;
  if (sub === "invite" && values.hours !== undefined) {
    hours = Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0) throw new UsageError(`--hours must be a positive number (got "${values.hours}")`);
  }

  const store = await openCliStore({ db: values.db });
  const out = process.stdout;
  try {
    const db = store.prisma;
    const by = { actor: null, now };
    switch (sub) {
      case "add": {
        const u = await addUser(
          db,
          {
            handle: handle!,
            name: values.name!,
            role: values.role as "rep" | "manager" | "admin" | undefined,
            manager: values.manager,
            timezone: values.tz,
            locale: values.locale as "en" | "zh" | undefined,
          },
          by,
        );
        out.write(`Added ${u.handle} (${u.name}, ${u.role}, ${u.timezone}, ${u.locale}).\n`);
        out.write(`Next: guanxi users link ${u.handle} --platform slack|telegram --id ID, or guanxi users invite ${u.handle}\n`);
        return 0;
      }
      case "link": {
        const r = await linkIdentity(db, { handle: handle!, platform: values.platform as "slack" | "telegram", externalId: values.id! }, by);
        out.write(r.linked ? `Linked ${r.platform} ${r.externalId} to ${r.user.handle}.\n` : `${r.platform} ${r.externalId} was already linked to ${r.user.handle}.\n`);
        return 0;
      }
      case "list": {
        const users = await listUsers(db);
        if (values.json) {
          out.write(JSON.stringify(users) + "\n");
          return 0;
        }
        if (!users.length) {
          out.write("No users yet. Add one: guanxi users add HANDLE --name NAME --role manager\n");
          return 0;
        }
        const rows = users.map((u) => [
          u.handle,
          u.name,
          u.role,
          u.manager ?? "",
          u.timezone,
          u.locale,
          u.identities.map((i) => `${i.platform}:${i.externalId}`).join(" ") || "(not linked)",
        ]);
        const head = ["HANDLE", "NAME", "ROLE", "MANAGER", "TIME ZONE", "LANG", "CHAT IDS"];
        const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
        const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
        for (const r of [head, ...rows]) out.write(r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(w[i]! - width(c)))).join("  ") + "\n");
        return 0;
      }
      case "invite": {
        const inv = await createInvite(db, { handle: handle!, ...(hours !== undefined ? { ttlHours: hours } : {}) }, by);
        out.write(`Invite code for ${inv.user.handle}: ${inv.code}\n`);
        out.write(`Valid until ${inv.expiresAt.toISOString()}. They send this code to the bot in Slack or Telegram to link their account.\n`);
        return 0;
      }
    }
  } finally {
    await store.close();
  }
  return 0;
}
