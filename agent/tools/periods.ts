// Named periods the model can pass ("this_month") → [from, to) instants in the user's time zone.
import { z } from "zod";
import { addDays, localDate, weekday, zonedInstant } from "../../domain/time.ts";

export const PERIODS = ["today", "this_week", "last_week", "this_month", "last_month", "next_month", "this_quarter", "this_year", "all"] as const;
export const periodSchema = z.enum(PERIODS);
export type Period = (typeof PERIODS)[number];

export function periodRange(p: Period, now: Date, tz: string): { from?: Date; to?: Date } {
  const today = localDate(now, tz);
  const [y, m] = today.split("-").map(Number) as [number, number];
  const month = (yy: number, mm: number) => {
    const d = new Date(Date.UTC(yy, mm - 1, 1));
    return d.toISOString().slice(0, 10);
  };
  const at = (d: string) => zonedInstant(d, "00:00", tz);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  switch (p) {
    case "today": return { from: at(today), to: at(addDays(today, 1)) };
    case "this_week": return { from: at(monday), to: at(addDays(monday, 7)) };
    case "last_week": return { from: at(addDays(monday, -7)), to: at(monday) };
    case "this_month": return { from: at(month(y, m)), to: at(month(y, m + 1)) };
    case "last_month": return { from: at(month(y, m - 1)), to: at(month(y, m)) };
    case "next_month": return { from: at(month(y, m + 1)), to: at(month(y, m + 2)) };
    case "this_quarter": {
      const q = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: at(month(y, q)), to: at(month(y, q + 3)) };
    }
    case "this_year": return { from: at(month(y, 1)), to: at(month(y + 1, 1)) };
    case "all": return {};
  }
}

export const PERIOD_LABEL: Record<Period, [string, string]> = {
  today: ["today", "今天"], this_week: ["this week", "本周"], last_week: ["last week", "上周"], this_month: ["this month", "本月"],
  last_month: ["last month", "上月"], next_month: ["next month", "下月"], this_quarter: ["this quarter", "本季度"], this_year: ["this year", "今年"], all: ["all time", "全部"],
};
