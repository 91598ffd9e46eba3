// The committed model is the one the corpus trains, training is deterministic, the corpus is well-formed, and the
// classifier reads placeholders — so one utterance teaches every name.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadCorpus, corpusHash } from "../../../agent/nlu/corpus.ts";
import { Classifier, FEATURES_VERSION, MODEL_PATH, trainModel, type ModelFile } from "../../../agent/nlu/model.ts";
import { ACTS } from "../../../agent/nlu/acts.ts";
import { dateTokens, dateTense } from "../../../agent/nlu/recognise.ts";

const corpus = loadCorpus();
const committed = JSON.parse(readFileSync(MODEL_PATH, "utf8")) as ModelFile;

describe("the NLU model", () => {
  it("was trained on the corpus as it is now (run `npm run nlu:train` after editing the corpus)", () => {
    expect(committed.version).toBe(FEATURES_VERSION);
    expect(committed.corpus).toBe(corpusHash(corpus, FEATURES_VERSION));
    expect(committed.trainedOn).toBe(corpus.length);
  });

  it("has at least 1,500 labelled utterances in both languages, every act taught", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1500);
    expect(corpus.filter((e) => e.lang === "zh").length).toBeGreaterThan(700);
    expect(corpus.filter((e) => e.lang === "en").length).toBeGreaterThan(700);
    const taught = new Set(corpus.flatMap((e) => e.acts));
    expect(ACTS.filter((a) => !taught.has(a))).toEqual([]);
  });

  it("trains deterministically: the same examples give the same weights", () => {
    const some = corpus.filter((_, i) => i % 25 === 0);
    expect(JSON.stringify(trainModel(some))).toBe(JSON.stringify(trainModel(some)));
  });

  it("reads any name through its placeholder", () => {
    const m = new Classifier(committed);
    const top = (t: string) => m.read(dateTokens(t)).acts[0]!.act;
    expect(top("called @contact at @customer, worried about price. f/u next week")).toBe("log");
    expect(top("拜访了@customer,@contact对交期不满意,下周三再跟进")).toBe("log");
    expect(top("which of my accounts are at risk?")).toBe("q_at_risk");
    expect(top("帮我给@contact写条微信")).toBe("draft");
    expect(top("undo")).toBe("undo");
  });

  it("tells a date's own direction from its words, not from the clock", () => {
    expect(dateTense("yesterday")).toBe("@date_past");
    expect(dateTense("next Tues")).toBe("@date_future");
    expect(dateTense("明天上午")).toBe("@date_future");
    expect(dateTense("上周五")).toBe("@date_past");
    expect(dateTense("Friday")).toBe("@date");
    expect(dateTense("今天")).toBe("@date_today");
  });
});
