import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { errorField, fieldErrorText, fieldProblem } from "./errors";
import { setLocale } from "./i18n";

describe("field errors", () => {
  it("name the field and say why, in plain words", () => {
    expect(fieldErrorText(new ApiError("invalid_input", "title: is required", "title"), "title")).toBe(
      "Nama inovasi wajib diisi.",
    );
    setLocale("en");
    expect(
      fieldErrorText(new ApiError("invalid_input", "title: is 501 characters long; at most 500", "title"), "title"),
    ).toBe("Innovation name is too long. Please shorten it.");
  });

  it("fall back on what the field needs, then on a general sentence", () => {
    const agency = new ApiError("invalid_input", "agencyId: choose the agency (OPD) the idea comes from", "agencyId");
    expect(fieldErrorText(agency, "agencyId")).toBe("Pilih OPD asal ide dari daftar.");
    const odd = new ApiError("invalid_input", "city: something new", "city");
    expect(fieldErrorText(odd, "city")).toBe("Kota / kabupaten belum dapat diterima. Periksa isiannya.");
  });

  it("use the code's text for other codes", () => {
    const dup = new ApiError("duplicate", "a record with this name already exists: Lab", "name");
    expect(fieldErrorText(dup, "name")).toMatch(/^Nama lab: Data yang sama sudah ada/);
  });

  it("belong to a field only when the form shows it", () => {
    const error = new ApiError("invalid_input", "roster: no column 'kode'", "roster");
    expect(errorField(error, ["title"])).toBeNull();
    expect(fieldProblem(error, "title")).toBeNull();
    expect(fieldProblem(error, "roster")).toEqual({ text: expect.any(String), detail: error.message });
  });
});
