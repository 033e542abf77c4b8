// The only door to the Rust side: the Tauri commands and the events. The commands' typed
// functions are generated from their Rust declarations into `commands.ts` (`make bindings`)
// and re-exported from here, sent through `call` and `upload` below; every rejection becomes
// an `ApiError`, so screens never see raw IPC failures.

import { type InvokeArgs, type InvokeOptions, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { ChangeEvent } from "./bindings/ChangeEvent";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { ExportProgress } from "./bindings/ExportProgress";
import type { Reason } from "./bindings/Reason";
import connect, { ERROR_CODES } from "./commands";

export * from "./commands";

/** The event every window receives after a write. */
export const CHANGED_EVENT = "labinov:changed";

/** A failed command: a stable code to translate, English detail, and the field it is about. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | null;
  /** Why the backend refused a value, when it says (`invalid_input`, `bad_file`, `duplicate`). */
  readonly reason: Reason | null;

  constructor(code: ErrorCode, message: string, field: string | null = null, reason: Reason | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.reason = reason;
  }

  /** Whatever a command rejected with, as an `ApiError` (`internal` unless it is a payload). */
  static from(reason: unknown): ApiError {
    if (reason instanceof ApiError) return reason;
    if (isErrorPayload(reason)) return new ApiError(reason.code, reason.message, reason.field ?? null, reason.reason ?? null);
    const message = reason instanceof Error ? reason.message : String(reason);
    return new ApiError("internal", message);
  }
}

function isErrorPayload(v: unknown): v is ErrorPayload {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(p.code) &&
    typeof p.message === "string" &&
    (p.field === null || p.field === undefined || typeof p.field === "string")
  );
}

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (reason) {
    throw ApiError.from(reason);
  }
}

// Files: sent as the raw body, with what describes them in headers (percent-encoded).

function upload<T>(command: string, bytes: Uint8Array | ArrayBuffer, headers: Record<string, string>): Promise<T> {
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) encoded[k] = encodeURIComponent(v);
  return call<T>(command, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { headers: encoded });
}

connect({ call, upload });

/** Calls `cb` after every write, in any window. Resolves to the function that stops it. */
export function onChanged(cb: (event: ChangeEvent) => void): Promise<() => void> {
  return listen<ChangeEvent>(CHANGED_EVENT, (e) => cb(e.payload));
}

/** The event an export reports each step by (to the window that started it). */
export const EXPORT_PROGRESS_EVENT = "labinov:export-progress";

/** Calls `cb` for each step of a running export. Resolves to the function that stops it. */
export function onExportProgress(cb: (progress: ExportProgress) => void): Promise<() => void> {
  return listen<ExportProgress>(EXPORT_PROGRESS_EVENT, (e) => cb(e.payload));
}
