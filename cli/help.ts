// What `guanxi <command> --help` prints. Its own small module so that help is printed before the command (and the
// store it opens) is loaded, and so a command's usage text (`users`) is written once.

/** The `users` subcommands, also shown by `guanxi users` on a usage error. */
export const USERS_USAGE = [
  "  guanxi users add HANDLE --name NAME [--role rep|manager|admin] [--manager HANDLE] [--tz ZONE] [--locale en|zh]",
  "  guanxi users link HANDLE --platform slack|telegram --id EXTERNAL_ID",
  "  guanxi users list [--json]",
  "  guanxi users invite HANDLE [--hours 72]   a one-time code the colleague sends to the bot",
].join("\n");

export const DETAILS: Record<string, string> = {
  chat: [
    "One message per line, one reply each (a prompt and history on a terminal; JSON lines with --json).",
    "  --as HANDLE   act as this user (default: the first manager)",
    "  --now ISO     fix the clock (also GUANXI_NOW)",
    "  --json        one JSON line per message: text, reply, mutations",
    "  --demo        a separate demo store (./data/demo), seeded on first use",
  ].join("\n"),
  serve: [
    "Starts every bot whose credentials are set, and the morning digest scheduler.",
    "  Slack:    SLACK_BOT_TOKEN + SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)",
    "  Telegram: TELEGRAM_BOT_TOKEN",
    "  LLM:      OPENAI_API_KEY (+ OPENAI_BASE_URL, GUANXI_MODEL); without one the built-in model answers",
  ].join("\n"),
  import: "Loads a .json data file (CONTRACT §2) or a .csv sheet of customers, contacts or orders. Idempotent.\n  --dry-run     report what would change, change nothing",
  export: "Writes the whole store as JSON (the import format).\n  --out FILE    write to FILE (private, 0600) instead of stdout",
  digest: [
    "Builds today's digest: who is slipping away and why, follow-ups due, and a manager's team summary.",
    "  --as HANDLE   one user (default: every user)",
    "  --now ISO     fix the clock",
    "  --json        structured output",
    "  --send        deliver it through the configured bots",
  ].join("\n"),
  users: USERS_USAGE,
  seed: "  seed --demo   load the demo company into the store",
};

