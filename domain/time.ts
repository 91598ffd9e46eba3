// Calendar arithmetic in a user's time zone, with Intl only: "today", "Friday", "9:00 local" for a rep in
// Shanghai and one in New York are different instants.

// Building an Intl.DateTimeFormat costs far more than using one (a turn formats dozens of dates): one per zone, kept.
const formatters = (make: (tz: string) => Intl.DateTimeFormat) => {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (tz: string) => {
    let f = byZone.get(tz);
    if (!f) byZone.set(tz, (f = make(tz))); // an unknown zone throws here, as before, and is not kept
    return f;
  };
};
const dayFormat = formatters((tz) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }));
const partsFormat = formatters((tz) => new Intl.DateTimeFormat("en-US", {
  timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
}));

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(at: Date, tz: string): string {
  return dayFormat(tz).format(at);
}

/** The wall-clock fields of an instant in a zone (month 1–12, hour 0–23). */
export function wallClock(at: Date, tz: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = partsFormat(tz).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Offset of the zone from UTC at an instant, in minutes (Shanghai: +480). */
export function tzOffsetMinutes(at: Date, tz: string): number {
  const w = wallClock(at, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The instant of a wall-clock time in a zone (DST-safe for the hours people use). */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const off1 = tzOffsetMinutes(guess, tz);
  const first = new Date(guess.getTime() - off1 * 60000);
  const off2 = tzOffsetMinutes(first, tz);
  return off1 === off2 ? first : new Date(guess.getTime() - off2 * 60000);
}

/** Adds days to a YYYY-MM-DD calendar date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole days from a to b (calendar dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** [start, end) of a local calendar day as instants. */
export function dayRange(date: string, tz: string): { start: Date; end: Date } {
  return { start: zonedInstant(date, "00:00", tz), end: zonedInstant(addDays(date, 1), "00:00", tz) };
}
