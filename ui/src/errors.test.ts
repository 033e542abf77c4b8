import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { REASON_SAMPLES } from "./commands";
import { errorField, fieldErrorText, fieldProblem, reasonText } from "./errors";
import { setLocale } from "./i18n";

afterEach(() => setLocale("id"));

describe("field errors", () => {
  it("name the field and say why, in plain words", () => {
    const required = new ApiError("invalid_input", "title: is required", "title", { kind: "required" });
    expect(fieldErrorText(required, "title")).toBe("Nama inovasi wajib diisi.");
    setLocale("en");
    const long = new ApiError("invalid_input", "title: is 501 characters long; at most 500", "title", {
      kind: "tooLong",
      length: 501,
      max: 500,
    });
    expect(fieldErrorText(long, "title")).toBe("Innovation name is too long (501 characters; at most 500). Please shorten it.");
  });

  it("say what the reason holds, whatever the English detail", () => {
    const agency = new ApiError("invalid_input", "agencyId: anything", "agencyId", { kind: "chooseAgency" });
    expect(fieldErrorText(agency, "agencyId")).toBe("Pilih OPD dari daftar.");
    const target = new ApiError("invalid_input", "ideaTarget: anything", "ideaTarget", { kind: "ideaTargetTooLarge", max: 100000 });
    expect(fieldErrorText(target, "ideaTarget")).toBe("Target ide paling banyak 100.000.");
  });

  it("say which value is taken, and use the code's text when there is no reason", () => {
    const dup = new ApiError("duplicate", "a record with this name already exists: Lab", "name", { kind: "taken", value: "Lab" });
    expect(fieldErrorText(dup, "name")).toBe("Nama lab “Lab” sudah dipakai. Pakai yang berbeda.");
    const busy = new ApiError("storage_busy", "database is locked", "name");
    expect(fieldErrorText(busy, "name")).toMatch(/^Nama lab: /);
  });

  it("belong to a field only when the form shows it", () => {
    const error = new ApiError("invalid_input", "roster: no column 'kode'", "roster", { kind: "noColumn", column: "kode" });
    expect(errorField(error, ["title"])).toBeNull();
    expect(fieldProblem(error, "title")).toBeNull();
    expect(fieldProblem(error, "roster")).toEqual({ text: expect.any(String), detail: error.message });
  });
});

describe("reasons", () => {
  it("come from the Rust side, one sample of each kind", () => {
    const kinds = REASON_SAMPLES.map((r) => r.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toContain("required");
    expect(kinds).toContain("clockAhead");
  });

  it.each(["id", "en"] as const)("each kind has its own words in %s, every parameter filled", (locale) => {
    setLocale(locale);
    for (const reason of REASON_SAMPLES) {
      const text = reasonText(reason, "Judul", "Asia/Jakarta");
      expect([reason.kind, text.length > 10]).toEqual([reason.kind, true]);
      expect([reason.kind, text]).not.toEqual([reason.kind, expect.stringMatching(/\{\w+\}/)]);
      expect([reason.kind, text]).not.toEqual([reason.kind, expect.stringContaining("undefined")]);
    }
  });

  it("shows the parameters in the sentence", () => {
    setLocale("en");
    expect(reasonText({ kind: "photoTooLarge", sizeBytes: 16 * 2 ** 20, maxBytes: 15 * 2 ** 20 }, "Photo")).toContain(
      "(16 MB; at most 15 MB)",
    );
    expect(reasonText({ kind: "controlCharacter", codePoint: 7 }, "Title")).toContain("(U+0007)");
    expect(reasonText({ kind: "inRow", row: 3, reason: { kind: "required" } }, "Code")).toBe("Row 3: Code is required.");
    expect(reasonText({ kind: "notOneOf", value: "fr", allowed: ["id", "en"] }, "Language")).toBe(
      "Language “fr” is not known. Use one of: id, en.",
    );
  });

  it("differ between the languages", () => {
    for (const reason of REASON_SAMPLES) {
      setLocale("id");
      const id = reasonText(reason, "X");
      setLocale("en");
      expect([reason.kind, reasonText(reason, "X")]).not.toEqual([reason.kind, id]);
    }
  });
});
