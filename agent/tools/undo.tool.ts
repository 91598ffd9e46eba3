import { z } from "zod";
import { undoLastChange } from "../../domain/undo-last-change.ts";
import { defineTool } from "./define-tool.ts";
import { domainContext } from "../turn-context.ts";
import { t as tr } from "../format.ts";

const ENTITY_ZH: Record<string, string> = {
  interaction: "互动记录", followUp: "跟进", order: "订单", deal: "商机", complaint: "投诉", survey: "调查", customer: "客户", contact: "联系人", user: "用户",
};
const ENTITY_EN: Record<string, string> = { followUp: "follow-up" };

export const undoTool = defineTool({
  name: "undo",
  description: "Undo the user's last change (everything their last message recorded).",
  schema: z.object({}),
  async run(_input, t) {
    // One "undo" reverts one message: a model that calls undo five times in a turn must not unwind five messages.
    if (t.collector.wasUndo)
      return tr(t.actor, "Already undone one message's changes; say \"undo\" again to undo the one before.", "已撤销一条消息的修改;如需继续撤销上一条,请再说一次「撤销」。");
    const r = await undoLastChange(domainContext(t));
    t.collector.wasUndo = true;
    const what = r.undone.map((u) => {
      const verb = { create: ["removed", "删除了"], update: ["restored", "恢复了"], delete: ["restored", "恢复了"] }[u.action] ?? ["reverted", "撤销了"];
      return tr(t.actor, `${verb[0]} the ${ENTITY_EN[u.entity] ?? u.entity}`, `${verb[1]}${ENTITY_ZH[u.entity] ?? u.entity}`);
    });
    return tr(t.actor, `Undone: ${what.join(", ")}.`, `已撤销:${what.join(",")}。`);
  },
});
