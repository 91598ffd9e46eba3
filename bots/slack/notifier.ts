// Delivers a digest as a Slack DM: conversations.open on the user's Slack id gives the DM channel, then the blocks.
import type { WebClient } from "@slack/web-api";
import type { Digest } from "../../domain/build-digest.ts";
import { digestMessages } from "./blocks.ts";

export function slackSender(client: WebClient) {
  return async (externalId: string, digest: Digest): Promise<void> => {
    const open = await client.conversations.open({ users: externalId });
    const channel = open.channel?.id;
    if (!channel) throw new Error(`slack: no DM channel for ${externalId}`);
    for (const m of digestMessages(digest)) await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks });
  };
}
