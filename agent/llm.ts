// Any OpenAI-compatible server: OpenAI, DeepSeek, Qwen/DashScope, Ollama, vLLM. No key → the built-in rules model.
import { ChatOpenAI } from "@langchain/openai";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

export interface LlmConfig {
  apiKey?: string;
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
}

export function llmConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  return {
    apiKey: env.OPENAI_API_KEY || undefined,
    baseUrl: env.OPENAI_BASE_URL || undefined,
    model: env.GUANXI_MODEL || undefined,
    timeoutMs: env.GUANXI_LLM_TIMEOUT_MS ? Number(env.GUANXI_LLM_TIMEOUT_MS) : undefined,
  };
}

export function createLlm(cfg: LlmConfig): BaseChatModel | null {
  if (!cfg.apiKey) return null;
  return new ChatOpenAI({
    apiKey: cfg.apiKey,
    model: cfg.model ?? "gpt-4o-mini",
    temperature: 0,
    // A slow model must not hold a rep's message hostage: time out and let the rules model answer.
    timeout: cfg.timeoutMs ?? 20_000,
    maxRetries: 0,
    configuration: cfg.baseUrl ? { baseURL: cfg.baseUrl } : undefined,
  });
}
