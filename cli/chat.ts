// guanxi chat: the assistant in a terminal (CONTRACT §1, §3). Interactive with a prompt and history on a TTY;
// one reply (or one JSON line with --json) per input line on a pipe. Same turn handling as the bots.
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import { clock, openCliStore, parse, CommandError } from "./args.ts";
import { handleTurn } from "../agent/turn.ts";
import { actorByHandle, defaultActor, turnDepsFromEnv } from "../agent/session.ts";

const STORE_FAILED = (zh: boolean) =>
  zh
    ? "刚才连不上数据存储,这条消息可能没有保存、也没有处理 —— 请再发一次。"
    : "I couldn't reach the store just then, so that message may not have been saved or processed — please send it again.";

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { as: { type: "string" }, json: { type: "boolean" }, demo: { type: "boolean" } });
  const fixedNow = values.now ?? process.env.GUANXI_NOW;
  if (fixedNow) clock(fixedNow); // validate early: exit 2 on a bad --now
  const store = await openCliStore({ db: values.db, demo: values.demo });
  try {
    if (values.demo) {
      const { ensureDemoStore } = await import("./seed.ts");
      await ensureDemoStore(store, clock(fixedNow));
    }
    const db = store.prisma;
    const actor = values.as ? await actorByHandle(db, values.as) : await defaultActor(db);
    if (!actor)
      throw new CommandError("no users in this store yet — try `guanxi chat --demo`, or `guanxi import FILE` / `guanxi users add`");
    const deps = turnDepsFromEnv(db, (e, d) => process.env.GUANXI_DEBUG && console.error(e, d));
    const tty = process.stdin.isTTY && process.stdout.isTTY && !values.json;
    const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty, historySize: 200 });
    if (tty) {
      const who = `${actor.name} (${actor.handle}, ${actor.role})`;
      process.stdout.write(actor.locale === "zh" ? `guanxi — 你是 ${who}。直接输入发生了什么或问题;Ctrl-D 退出。\n` : `guanxi — you are ${who}. Type what happened or ask a question; Ctrl-D to quit.\n`);
      rl.setPrompt("> ");
      rl.prompt();
    }
    for await (const line of rl) {
      const text = line.trim();
      if (!text) {
        if (tty) rl.prompt();
        continue;
      }
      let r: { reply: string; mutations: unknown[]; undoable?: boolean };
      try {
        r = await handleTurn(deps, { platform: "console", externalMessageId: randomUUID(), actor, text, now: clock(fixedNow) });
      } catch (e) {
        // The store went away under this message (and did not come back in time): say so, and keep the session —
        // every line gets its answer, and the next message reconnects (or takes the embedded store over).
        process.stderr.write(`guanxi chat: ${String((e as Error)?.message ?? e).split("\n")[0]}\n`);
        r = { reply: STORE_FAILED(actor.locale === "zh"), mutations: [] };
      }
      if (values.json) process.stdout.write(JSON.stringify({ text, reply: r.reply, mutations: r.mutations }) + "\n");
      else process.stdout.write(`${r.reply}\n${tty && r.undoable ? (actor.locale === "zh" ? "(说「撤销」可撤回)\n" : "(say \"undo\" to revert)\n") : ""}`);
      if (tty) rl.prompt();
    }
    return 0;
  } finally {
    await store.close();
  }
}
