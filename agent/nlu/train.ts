// npm run nlu:train — trains the model from the corpus and writes agent/nlu/model.json (committed). Deterministic:
// the same corpus gives the same file.
import { writeFileSync } from "node:fs";
import { loadCorpus } from "./corpus.ts";
import { MODEL_PATH, trainModel } from "./model.ts";

const started = performance.now();
const examples = loadCorpus();
const model = trainModel(examples);
const json = JSON.stringify(model);
writeFileSync(MODEL_PATH, json + "\n");
const ms = performance.now() - started;
process.stdout.write(`nlu:train: ${examples.length} utterances (${examples.filter((e) => e.lang === "en").length} en, ${examples.filter((e) => e.lang === "zh").length} zh), ${model.vocab.length} features, ${(json.length / 1024).toFixed(0)} KB, ${(ms / 1000).toFixed(1)} s → ${MODEL_PATH}\n`);
