import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { OptionItem } from "../../bindings/OptionItem";
import { LAB } from "../../test/fixtures";
import { codeFrom, listsOf } from "./OptionsSection";
import { OPTIONS, renderSetup, setupBackend, typeInto } from "./testBackend";

function optionsBackend(overrides: Parameters<typeof setupBackend>[0] = {}) {
  let options: OptionItem[] = OPTIONS.map((o) => ({ ...o }));
  const b = setupBackend({
    list_options: () => options,
    save_option: (_, a) => {
      const existing = options.find((o) => o.list === a.list && o.code === a.code);
      const saved = {
        list: a.list as string,
        code: a.code as string,
        labelId: a.labelId as string,
        labelEn: (a.labelEn as string) || (a.labelId as string),
        position: existing?.position ?? 99,
        retired: false,
      };
      options = existing ? options.map((o) => (o === existing ? saved : o)) : [...options, saved];
      return saved;
    },
    retire_option: (_, a) => {
      options = options.map((o) => (o.list === a.list && o.code === a.code ? { ...o, retired: true } : o));
      return null;
    },
    ...overrides,
  });
  return { ...b, commands: (cmd: string) => b.calls.filter((c) => c.cmd === cmd).map((c) => c.args) };
}

const optionRow = (code: string) => screen.getAllByTestId("option-row").find((r) => r.getAttribute("data-code") === code)!;
const chooseList = (list: string) => fireEvent.change(screen.getByTestId("options-list"), { target: { value: list } });

describe("Option lists", () => {
  it("offers each list the lab has, in the idea form's order, and shows its items", async () => {
    optionsBackend();
    await renderSetup("options");
    const lists = screen.getByTestId("options-list") as HTMLSelectElement;
    expect([...lists.options].map((o) => [o.value, o.textContent])).toEqual([
      ["stage", "Tahap 5D"],
      ["tahapan", "Tahapan inovasi"],
      ["jenis", "Jenis inovasi"],
    ]);
    chooseList("tahapan");
    expect(screen.getAllByTestId("option-row").map((r) => r.getAttribute("data-code"))).toEqual(["inisiatif", "uji_coba", "penerapan"]);
    expect([...optionRow("uji_coba").querySelectorAll("td")].slice(0, 3).map((td) => td.textContent)).toEqual([
      "uji_coba",
      "Uji coba",
      "Trial",
    ]);
  });

  it("adds an item, making its code from the Indonesian label", async () => {
    const b = optionsBackend();
    await renderSetup("options");
    chooseList("tahapan");
    typeInto("option-new-labelId", "Replikasi Daerah");
    expect((screen.getByTestId("option-new-code") as HTMLInputElement).value).toBe("replikasi_daerah");
    typeInto("option-new-labelEn", "Regional replication");
    fireEvent.click(screen.getByTestId("option-new-save"));

    await waitFor(() => expect(optionRow("replikasi_daerah")).toBeTruthy());
    expect(b.commands("save_option")).toEqual([
      { labId: LAB.id, list: "tahapan", code: "replikasi_daerah", labelId: "Replikasi Daerah", labelEn: "Regional replication" },
    ]);
    expect((screen.getByTestId("option-new-labelId") as HTMLInputElement).value).toBe("");
  });

  it("will not reuse a code already in the list (that would rename the old item)", async () => {
    const b = optionsBackend();
    await renderSetup("options");
    chooseList("tahapan");
    typeInto("option-new-labelId", "Uji Coba");
    fireEvent.click(screen.getByTestId("option-new-save"));
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Kode “uji_coba” sudah dipakai.");
    expect(screen.getByTestId("option-new-code").closest(".field")?.contains(error)).toBe(true);
    expect(b.commands("save_option")).toEqual([]);
  });

  it("shows a code the backend refuses at the code field", async () => {
    optionsBackend({
      save_option: () => {
        throw {
          code: "invalid_input",
          message: "code: use lowercase letters, digits and _ only",
          field: "code",
          reason: { kind: "optionCodeCharacters" },
        };
      },
    });
    await renderSetup("options");
    typeInto("option-new-labelId", "Pameran");
    typeInto("option-new-code", "Pameran-1");
    fireEvent.click(screen.getByTestId("option-new-save"));
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain("Kode hanya boleh berisi huruf kecil, angka, dan garis bawah");
  });

  it("renames an item, keeping its code", async () => {
    const b = optionsBackend();
    await renderSetup("options");
    chooseList("tahapan");
    fireEvent.click(within(optionRow("uji_coba")).getByTestId("option-edit"));
    expect(screen.queryByTestId("option-uji_coba-code")).toBeNull();
    typeInto("option-uji_coba-labelId", "Uji coba terbatas");
    fireEvent.click(screen.getByTestId("option-uji_coba-save"));
    await waitFor(() => expect(optionRow("uji_coba").textContent).toContain("Uji coba terbatas"));
    expect(b.commands("save_option")).toEqual([
      { labId: LAB.id, list: "tahapan", code: "uji_coba", labelId: "Uji coba terbatas", labelEn: "Trial" },
    ]);
  });

  it("retires an item, and brings a retired one back", async () => {
    const b = optionsBackend();
    await renderSetup("options");
    chooseList("jenis");
    expect(optionRow("non_digital").classList.contains("is-retired")).toBe(true);
    fireEvent.click(within(optionRow("digital")).getByTestId("option-retire"));
    await waitFor(() => expect(optionRow("digital").classList.contains("is-retired")).toBe(true));
    expect(b.commands("retire_option")).toEqual([{ labId: LAB.id, list: "jenis", code: "digital" }]);

    fireEvent.click(within(optionRow("non_digital")).getByTestId("option-restore"));
    await waitFor(() => expect(optionRow("non_digital").classList.contains("is-retired")).toBe(false));
    expect(b.commands("save_option")).toEqual([
      { labId: LAB.id, list: "jenis", code: "non_digital", labelId: "Non digital", labelEn: "Non-digital" },
    ]);
  });
});

describe("codeFrom and listsOf", () => {
  it("makes a code of lowercase letters, digits and _", () => {
    expect(codeFrom("Perangkat Daerah (OPD)")).toBe("perangkat_daerah_opd");
    expect(codeFrom("  Édukasi  2.0 ")).toBe("edukasi_2_0");
  });

  it("puts known lists first in form order, then others", () => {
    const o = (list: string) => ({ ...OPTIONS[0], list });
    expect(listsOf([o("zeta"), o("benefit"), o("stage"), o("alpha")])).toEqual(["stage", "benefit", "alpha", "zeta"]);
  });
});
