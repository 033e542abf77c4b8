// Translation: the current language, a hook that re-renders on a switch, and formatting
// of numbers, dates and times in that language.

import { useEffect, useState } from "preact/hooks";
import type { ErrorCode } from "../bindings/ErrorCode";
import { en } from "./en";
import { id, type Messages } from "./id";

export type Locale = "id" | "en";
export type MessageKey = keyof Messages;
export type Params = Record<string, string | number>;

/** Keys that come in a `.one` / `.other` pair, for `tn()`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

export const catalogues: Record<Locale, Messages> = { id, en };

const STORAGE_KEY = "labinov.locale";
const INTL_LOCALE: Record<Locale, string> = { id: "id-ID", en: "en-GB" };

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

let current: Locale = storedLocale();
document.documentElement.lang = current;
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

/** Switches the language and remembers it on this laptop (a UI preference only). */
export function setLocale(next: Locale): void {
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Storage may be unavailable; the choice then lasts until the window closes.
  }
  listeners.forEach((listener) => listener(next));
}

/**
 * The current language, re-rendering the calling component when it changes. The app's
 * root uses it, so a switch re-renders every screen (none of them is memoised).
 */
export function useLocale(): Locale {
  const [locale, setState] = useState(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return locale;
}

/** The text for `key` in the current language, with `{name}` replaced from `params`. */
export function t(key: MessageKey, params?: Params): string {
  const text = catalogues[current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * Intl formatters, made once per language and options: making one loads locale data and
 * costs far more than using it (a board of 37 columns made hundreds on its first paint).
 */
const formatters = new Map<string, Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.PluralRules | Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  options: object,
  make: (locale: string) => T,
): T {
  const key = `${kind} ${current} ${JSON.stringify(options)}`;
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make(INTL_LOCALE[current]);
    formatters.set(key, found);
  }
  return found;
}

const dateTimeFormat = (options: Intl.DateTimeFormatOptions) =>
  formatter("date", options, (locale) => new Intl.DateTimeFormat(locale, options));

/** `t()` for a text that depends on a count: picks `<key>.one` or `<key>.other`. */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const plural = formatter("plural", {}, (locale) => new Intl.PluralRules(locale));
  const form = plural.select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}`, { count: formatNumber(count), ...params });
}

/**
 * The plain-language text for an error code. The template type makes a code without a
 * catalogue entry a compile error.
 */
export function errorText(code: ErrorCode): string {
  return t(`error.${code}`);
}

export function formatNumber(n: number): string {
  return formatter("number", {}, (locale) => new Intl.NumberFormat(locale)).format(n);
}

/** Weekday, day, month and time of a UTC timestamp, as seen in the lab's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  return dateTimeFormat({
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** Day, month, year and time of a UTC timestamp in `timeZone`: for a time that may be far off. */
export function formatDateTimeWithYear(iso: string, timeZone: string): string {
  return dateTimeFormat({
    timeZone,
    dateStyle: "long",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** A month (`YYYY-MM`) as a short month and year in the current language; other text as it is. */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return dateTimeFormat({ timeZone: "UTC", month: "short", year: "2-digit" }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}

/** A calendar date (`YYYY-MM-DD`), written out in the current language. */
export function formatDate(ymd: string): string {
  return dateTimeFormat({
    timeZone: "UTC",
    dateStyle: "long",
  }).format(new Date(`${ymd}T00:00:00Z`));
}
