// The Notifier the scheduler calls: one digest to every chat identity the user has linked, on every platform that
// is running. Fails (so the job retries) only when nothing could be delivered while something should have been.
import type { Actor, Db } from "../domain/context.ts";
import type { Digest } from "../domain/build-digest.ts";
import type { Notifier } from "../scheduler/notifier.ts";
import { chatAddressesOf } from "../agent/actions.ts";
import type { Log } from "./conversation.ts";

export type PlatformSender = (externalId: string, digest: Digest) => Promise<void>;

export function chatNotifier(db: Db, senders: Partial<Record<"slack" | "telegram", PlatformSender>>, log: Log = () => {}): Notifier {
  return {
    async send(user: Actor & { identities?: { platform: string; externalId: string }[] }, digest: Digest) {
      const addresses = user.identities ?? (await chatAddressesOf(db, [user.id]));
      const targets = addresses.filter((a) => senders[a.platform as "slack" | "telegram"]);
      if (!targets.length) {
        log("digest.no_address", { user: user.handle, platforms: Object.keys(senders) });
        return;
      }
      const results = await Promise.allSettled(targets.map((a) => senders[a.platform as "slack" | "telegram"]!(a.externalId, digest)));
      const failed = results.flatMap((r, i) => (r.status === "rejected" ? [`${targets[i]!.platform}: ${(r.reason as Error).message}`] : []));
      for (const f of failed) log("digest.send_failed", { user: user.handle, error: f });
      if (failed.length === targets.length) throw new Error(`digest for ${user.handle} not delivered: ${failed.join("; ")}`);
    },
  };
}
