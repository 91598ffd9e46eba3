// One error type for the domain: `message` is for logs, `userMessage` for people (Documenso's AppError).
export type DomainErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "AMBIGUOUS"
  | "FORBIDDEN"
  | "CONFLICT"
  | "NOTHING_TO_UNDO";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly userMessage: string;
  /** Extra facts for callers that want to act on them (e.g. the candidates of an ambiguous name). */
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, opts: { message?: string; userMessage: string; details?: Record<string, unknown> }) {
    super(opts.message ?? opts.userMessage);
    this.name = "DomainError";
    this.code = code;
    this.userMessage = opts.userMessage;
    this.details = opts.details;
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
