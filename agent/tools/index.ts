// Every tool the assistant has. Order is the order they appear to an LLM.
import { logInteractionTool } from "./log-interaction.tool.ts";
import { scheduleFollowUpTool, updateFollowUpTool, listFollowUpsTool } from "./follow-ups.tool.ts";
import { findCustomerTool, lastContactTool, customerSummaryTool } from "./lookup.tool.ts";
import { recordOrderTool, recordSurveyTool, openComplaintTool, resolveComplaintTool } from "./records.tool.ts";
import { addCustomerTool, addContactTool, reassignOwnerTool } from "./customers.tool.ts";
import { listAtRiskTool, staleCustomersTool, orderTotalsTool, dealsClosingTool, activityByRepTool, listComplaintsTool } from "./reports.tool.ts";
import { draftMessageTool } from "./draft-message.tool.ts";
import { openDealTool, updateDealTool } from "./deals.tool.ts";
import { undoTool } from "./undo.tool.ts";
import { listCustomersTool, updateCustomerTool, updateContactTool, myDigestTool } from "./accounts.tool.ts";

export const allTools = [
  logInteractionTool,
  scheduleFollowUpTool,
  updateFollowUpTool,
  listFollowUpsTool,
  findCustomerTool,
  customerSummaryTool,
  lastContactTool,
  listAtRiskTool,
  draftMessageTool,
  recordOrderTool,
  recordSurveyTool,
  openComplaintTool,
  resolveComplaintTool,
  addCustomerTool,
  addContactTool,
  reassignOwnerTool,
  undoTool,
  staleCustomersTool,
  orderTotalsTool,
  dealsClosingTool,
  openDealTool,
  updateDealTool,
  activityByRepTool,
  listComplaintsTool,
  listCustomersTool,
  updateCustomerTool,
  updateContactTool,
  myDigestTool,
];
