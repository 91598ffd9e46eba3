// guanxi digest [--as HANDLE] [--now ISO] [--json] [--send] [--db DIR]
// Builds today's digest (each user's own "today", in their time zone) for one user or, by default, every user.
// Prints the text, or with --json one JSON object per user per line (JSON Lines: easy to stream and to grep).
// --send delivers through the configured bots, claiming each run like the scheduler does, so a digest the
// scheduler already sent today is not sent twice.
import { parse, clock, openCliStore, CommandError } from "./args.ts";
import { buildDigest } from "../domain/build-digest.ts";
import { toActor } from "../domain/context.ts";
import { deliverDigest } from "../scheduler/digest.job.ts";
import type { Notifier } from "../scheduler/notifier.ts";
import type { Db } from "../domain/context.ts";

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    as: { type: "string" },
    json: { type: "boolean" },
    send: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write("usage: guanxi digest [--as HANDLE] [--now ISO] [--json] [--send] [--db DIR]\n");
    return 0;
  }
  const now = clock(values.now);
  const store = await openCliStore({ ...(values.db ? { db: values.db } : {}) });
  try {
    const db = store.prisma;
    const notifier = values.send ? await loadNotifier(db) : undefined;
    const users = values.as
      ? await db.user.findMany({ where: { handle: values.as.replace(/^@/, "") } })
      : await db.user.findMany({ orderBy: { id: "asc" } });
    if (values.as && !users.length) throw new CommandError(`--as: no user "${values.as}" (see guanxi users list)`);
    let failed = 0;
    for (const u of users) {
      const digest = await buildDigest({ db, user: toActor(u), now });
      if (values.json) process.stdout.write(JSON.stringify(digest) + "\n");
      else process.stdout.write(`${digest.text}\n\n`);
      if (notifier) {
        const r = await deliverDigest({ db, notifier, userId: u.id, now, digest, retry: { attempts: 3, baseDelayMs: 1_000 } });
        const line =
          r.status === "sent" ? `sent to ${u.handle}` : r.status === "already-claimed" ? `${u.handle}: already sent today (${digest.date}), not sent again` : `${u.handle}: send failed after ${r.attempts} attempts: ${r.error}`;
        process.stderr.write(line + "\n");
        if (r.status === "failed") failed++;
      }
    }
    if (failed) throw new CommandError(`${failed} digest(s) could not be sent`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The bots' Notifier, or a clear failure naming what to configure. */
async function loadNotifier(db: Db): Promise<Notifier> {
  const { notifierFromConfig } = await import("../bots/notifier-from-config.ts");
  const n = notifierFromConfig(db);
  if (!n)
    throw new CommandError(
      "--send needs a bot: set SLACK_BOT_TOKEN (and SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) and/or TELEGRAM_BOT_TOKEN",
    );
  return n;
}
