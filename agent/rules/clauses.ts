// Messages are read clause by clause: "visited Huadong, 王芳 unhappy, follow up next Wednesday" has three, and the
// follow-up's date belongs to the follow-up, not to the visit.
export interface Clause {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const BREAK = /[,,。.;;!!??\n]+|\s+(?:and then|then|and also|also|but)\s+|(?<=[\p{Script=Han}])(?:然后|并且|另外|但是|不过)/gu;

export function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  const push = (end: number) => {
    const seg = text.slice(start, end);
    const lead = seg.length - seg.trimStart().length;
    const t = seg.trim();
    if (t) out.push({ text: t, lower: t.toLowerCase(), start: start + lead, end: start + lead + t.length });
  };
  for (const m of text.matchAll(BREAK)) {
    // Keep decimals and abbreviations together: "3.5万", "Co. Ltd", "e.g."
    if (m[0] === "." && /\d/.test(text[m.index! - 1] ?? "") && /\d/.test(text[m.index! + 1] ?? "")) continue;
    if (m[0] === "." && /\S/.test(text[m.index! + 1] ?? " ")) continue;
    push(m.index!);
    start = m.index! + m[0].length;
  }
  push(text.length);
  return out;
}
