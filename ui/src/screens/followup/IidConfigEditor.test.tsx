import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { IidConfig } from "../../bindings/IidConfig";
import { setLocale } from "../../i18n";
import { LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { Followup } from "./Followup";

const param = (id: string, en: string) => ({ labelId: id, labelEn: en });

/** The shipped values: two indicators of three parameters, four bands. */
const SHIPPED: IidConfig = {
  year: 2023,
  source: "Referensi domain",
  maxParameter: 3,
  evidenceRequired: true,
  scaleUncertain: true,
  agencyScoreUncertain: true,
  indicators: [
    {
      code: "regulasi",
      number: 16,
      labelId: "Regulasi inovasi daerah",
      labelEn: "Regulation of the innovation",
      weight: 3,
      uncertain: true,
      evidenceHintId: "SK penetapan inovasi",
      parameters: [param("SK kepala perangkat daerah", "Head of agency decree"), param("Peraturan kepala daerah", "Regional head regulation"), param("Perda", "Regional law")],
    },
    {
      code: "sdm",
      number: 17,
      labelId: "Ketersediaan SDM",
      labelEn: "Human resources",
      weight: 2,
      uncertain: false,
      evidenceHintId: "",
      parameters: [param("1-10 orang", "1-10 people"), param("11-30 orang", "11-30 people"), param("Lebih dari 30 orang", "More than 30 people")],
    },
  ],
  bands: [
    { code: "tidak_dapat_dinilai", labelId: "Tidak Dapat Dinilai", labelEn: "Cannot be rated", min: 0, uncertain: false },
    { code: "kurang_inovatif", labelId: "Kurang Inovatif", labelEn: "Less innovative", min: 0.01, uncertain: false },
    { code: "inovatif", labelId: "Inovatif", labelEn: "Innovative", min: 35, uncertain: false },
    { code: "sangat_inovatif", labelId: "Sangat Inovatif", labelEn: "Very innovative", min: 60.01, uncertain: true },
  ],
};

/** The lab's own: SDM's weight changed to 5. */
const OWN: IidConfig = { ...SHIPPED, indicators: [SHIPPED.indicators[0], { ...SHIPPED.indicators[1], weight: 5 }] };

const handlers = (own: IidConfig, save?: Handler): Record<string, Handler> => ({
  iid_config: () => own,
  shipped_iid_configs: () => [SHIPPED],
  save_iid_config: save ?? ((_, a) => a.config),
  followup_board: () => {
    throw { code: "internal", message: "not under test", field: null };
  },
  list_agencies: () => [],
  list_options: () => [],
  iid_estimates_by_agency: () => [],
});

async function openSettings(h: Record<string, Handler>) {
  const calls = fakeBackend(h);
  render(<Followup lab={LAB} request={null} onReady={() => undefined} />);
  fireEvent.click(await screen.findByTestId("fu-tab-iid"));
  await screen.findByTestId("iid-config-editor");
  return calls;
}

const weights = () => screen.getAllByTestId("cfg-weight") as HTMLInputElement[];
const saved = (calls: { cmd: string; args: unknown }[]) =>
  (calls.filter((c) => c.cmd === "save_iid_config").slice(-1)[0]?.args as { labId: string; config: IidConfig } | undefined) ?? null;

afterEach(() => setLocale("id"));

describe("the IID settings", () => {
  it("shows each indicator's number, name, weight and parameters with their values, the uncertain ones marked", async () => {
    await openSettings(handlers(OWN));
    const rows = screen.getAllByTestId("cfg-row");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("16.");
    expect(rows[0].textContent).toContain("Regulasi inovasi daerah");
    expect(rows[0].textContent).toContain("perlu dicek");
    expect(rows[1].textContent).not.toContain("perlu dicek");
    expect(weights().map((w) => w.value)).toEqual(["3", "5"]);
    // 3 + 5 = 8; three parameters: a full score is 24 points.
    expect(screen.getByTestId("cfg-summary").textContent).toBe("2 indikator · jumlah bobot 8 · skor penuh = 3 × 8 = 24 poin");
    expect((screen.getByTestId("cfg-source") as HTMLSelectElement).selectedOptions[0].textContent).toBe("Pengaturan lab ini (tahun 2023)");

    const detail = screen.getByTestId("cfg-detail");
    expect(detail.textContent).toContain("Indikator 16");
    const params = within(detail).getAllByTestId("cfg-param");
    expect(params.map((p) => p.querySelector("td")?.textContent)).toEqual(["1", "2", "3"]);
    expect((within(params[2]).getByTestId("cfg-param-id") as HTMLInputElement).value).toBe("Perda");
    expect((within(detail).getByTestId("cfg-uncertain") as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByTestId("cfg-band-min").map((b) => (b as HTMLInputElement).value)).toEqual(["0", "0.01", "35", "60.01"]);
  });

  it("edits from the keyboard: arrows move between weights, Ctrl+Enter saves the weights, names, parameters and bands", async () => {
    const calls = await openSettings(handlers(OWN));
    const first = weights()[0];
    first.focus();
    fireEvent.input(first, { target: { value: "4" } });
    fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement).toBe(weights()[1]);
    expect(screen.getByTestId("cfg-detail").textContent).toContain("Indikator 17");
    fireEvent.input(weights()[1], { target: { value: "2" } });
    fireEvent.input(screen.getByTestId("cfg-name-id"), { target: { value: "Ketersediaan SDM inovasi" } });
    fireEvent.input(screen.getAllByTestId("cfg-param-id")[0], { target: { value: "1-5 orang" } });
    fireEvent.click(screen.getByTestId("cfg-add-param"));
    expect(screen.getAllByTestId("cfg-param")).toHaveLength(4);
    fireEvent.input(screen.getAllByTestId("cfg-band-min")[2], { target: { value: "35,5" } });
    expect(screen.getByTestId("cfg-status").textContent).toBe("Ada perubahan yang belum disimpan.");
    expect(screen.getByTestId("cfg-summary").textContent).toContain("4 × 6 = 24 poin");

    fireEvent.keyDown(weights()[1], { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(saved(calls)).not.toBeNull());
    const sent = saved(calls)!;
    expect(sent.labId).toBe(LAB.id);
    expect(sent.config.indicators.map((i) => i.weight)).toEqual([4, 2]);
    expect(sent.config.indicators[1].labelId).toBe("Ketersediaan SDM inovasi");
    expect(sent.config.indicators[1].parameters[0].labelId).toBe("1-5 orang");
    expect(sent.config.maxParameter).toBe(4);
    // The fourth parameter is added to every indicator, worded in both languages.
    expect(sent.config.indicators.map((i) => i.parameters[3])).toEqual([param("Parameter 4", "Parameter 4"), param("Parameter 4", "Parameter 4")]);
    expect(sent.config.bands[2].min).toBe(35.5);
    expect(await screen.findByText("Pengaturan disimpan. Perkiraan skor dihitung ulang.")).toBeTruthy();
    expect((screen.getByTestId("cfg-discard") as HTMLButtonElement).disabled).toBe(true);
  });

  it("refuses a weight that is no number before sending, and shows the core's refusal at the cell it names", async () => {
    const calls = await openSettings(
      handlers(OWN, () => {
        throw { code: "invalid_input", message: "indicators.1.weight: weight", field: "indicators.1.weight", reason: { kind: "weightRange", max: 100 } };
      }),
    );
    fireEvent.input(weights()[1], { target: { value: "dua" } });
    fireEvent.click(screen.getByTestId("cfg-save"));
    expect(screen.getByTestId("cfg-error").textContent).toBe("Bobot indikator 17 harus berupa bilangan bulat, hanya angka tanpa titik atau huruf.");
    expect(calls.some((c) => c.cmd === "save_iid_config")).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(weights()[1]));
    expect(weights()[1].getAttribute("aria-invalid")).toBe("true");

    // A negative weight goes as 0, which the core refuses with its range.
    fireEvent.input(weights()[1], { target: { value: "-3" } });
    fireEvent.click(screen.getByTestId("cfg-save"));
    // The reason does not name the place: the editor says where.
    await waitFor(() => expect(screen.getByTestId("cfg-error").textContent).toBe("Bobot harus lebih dari 0 dan paling besar 100. (Letaknya: Bobot indikator 17.)"));
    expect(saved(calls)?.config.indicators[1].weight).toBe(0);
    expect(weights()[1].getAttribute("aria-invalid")).toBe("true");
    expect(weights()[1].value).toBe("-3");
  });

  it("shows an empty parameter's refusal on its indicator, even when another one is open", async () => {
    await openSettings(
      handlers(OWN, () => {
        throw { code: "invalid_input", message: "required", field: "indicators.1.parameters.2.labelId", reason: { kind: "required" } };
      }),
    );
    expect(screen.getByTestId("cfg-detail").textContent).toContain("Indikator 16");
    fireEvent.click(screen.getByTestId("cfg-save"));
    expect((await screen.findByTestId("cfg-error")).textContent).toBe("Parameter 3 indikator 17 wajib diisi.");
    await waitFor(() => expect(screen.getByTestId("cfg-detail").textContent).toContain("Indikator 17"));
    const third = screen.getAllByTestId("cfg-param-id")[2];
    await waitFor(() => expect(document.activeElement).toBe(third));
    expect(third.getAttribute("aria-invalid")).toBe("true");
  });

  it("goes back to the shipped 2023 values, and removes a parameter from every indicator", async () => {
    const calls = await openSettings(handlers(OWN));
    fireEvent.click(screen.getByTestId("cfg-reset"));
    expect(weights().map((w) => w.value)).toEqual(["3", "2"]);
    expect(screen.getByTestId("cfg-status").textContent).toBe("Nilai bawaan 2023 dimuat. Simpan untuk memakainya.");
    fireEvent.click(screen.getByTestId("cfg-remove-param"));
    expect(screen.getAllByTestId("cfg-param")).toHaveLength(2);
    fireEvent.click(screen.getByTestId("cfg-save"));
    await waitFor(() => expect(saved(calls)).not.toBeNull());
    expect(saved(calls)!.config).toEqual({
      ...SHIPPED,
      maxParameter: 2,
      indicators: SHIPPED.indicators.map((i) => ({ ...i, parameters: i.parameters.slice(0, 2) })),
    });
  });

  it("discards the changes and keeps them across a tab switch until then", async () => {
    await openSettings(handlers(OWN));
    fireEvent.input(weights()[0], { target: { value: "9" } });
    fireEvent.click(screen.getByTestId("fu-tab-board"));
    fireEvent.click(screen.getByTestId("fu-tab-iid"));
    expect(weights()[0].value).toBe("9");
    fireEvent.click(screen.getByTestId("cfg-discard"));
    expect(weights()[0].value).toBe("3");
    expect(screen.getByTestId("cfg-status").textContent).toBe("");
  });

  it("speaks English when asked", async () => {
    setLocale("en");
    await openSettings(handlers(SHIPPED));
    expect(screen.getByText("Regional innovation index settings")).toBeTruthy();
    expect((screen.getByTestId("cfg-source") as HTMLSelectElement).selectedOptions[0].textContent).toBe("Shipped 2023 values (unchanged)");
    expect(screen.getByTestId("cfg-summary").textContent).toBe("2 indicators · weights add up to 5 · a full score = 3 × 5 = 15 points");
  });
});
