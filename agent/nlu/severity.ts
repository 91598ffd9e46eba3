// How serious a complaint is, from the words that say so ("urgent", "不急", "小问题"); the classifier's reading
// decides when none does. "Not urgent" and "不算太严重" are minor though they contain the urgent word.
const MINOR = [/\b(minor|small|low priority|not (urgent|serious|critical|a big deal)|no rush|no hurry|just (wanted it|for the record)|on record)\b/i, /(小问题|不急|不着急|轻微|问题不大|不(算|是|太|怎么)?(太|很|特别|那么)?(严重|急|着急)|下周(处理|再说)就行)/];
const URGENT = [/\b(urgent|urgently|asap|serious|critical|angry|furious|irate|escalat\w*|immediately|high priority|severe|top priority)\b/i, /(比较急|很急|紧急|急|严重|马上|立刻|非常不满|很生气|投诉到|闹到)/];

export function severityIn(text: string): "low" | "high" | undefined {
  if (MINOR.some((p) => p.test(text))) return "low";
  if (URGENT.some((p) => p.test(text))) return "high";
  return undefined;
}
