import { fireEvent, render, screen } from "@testing-library/preact";
import { useRef, useState } from "preact/hooks";
import { describe, expect, it, vi } from "vitest";
import { AGENCIES } from "../../test/fixtures";
import { AgencyPicker } from "./AgencyPicker";

function Harness({ onChange }: { onChange: (id: string) => void }) {
  const [value, setValue] = useState("");
  const ref = useRef<HTMLInputElement>(null);
  return (
    <>
      <AgencyPicker
        id="agency"
        agencies={AGENCIES}
        value={value}
        onChange={(id) => {
          setValue(id);
          onChange(id);
        }}
        problem={null}
        inputRef={ref}
      />
      <input data-testid="next" />
    </>
  );
}

function setup() {
  const onChange = vi.fn();
  render(<Harness onChange={onChange} />);
  const input = screen.getByTestId("agency-picker") as HTMLInputElement;
  const type = (text: string) => fireEvent.input(input, { target: { value: text } });
  const press = (key: string) => fireEvent.keyDown(input, { key });
  const options = () => screen.queryAllByTestId("agency-option").map((o) => o.textContent);
  return { input, type, press, options, onChange };
}

describe("AgencyPicker", () => {
  it("is a labelled combobox, closed at first", () => {
    const { input, options } = setup();
    expect(input.getAttribute("role")).toBe("combobox");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByLabelText(/OPD pengusul/)).toBe(input);
    expect(options()).toEqual([]);
  });

  it("filters by code, by short name and by a word of the full name", () => {
    const { type, options } = setup();
    type("dinkes");
    expect(options()).toEqual([expect.stringContaining("Dinkes — Dinas Kesehatan")]);
    type("kesbangpol");
    expect(options()).toEqual([expect.stringContaining("Kesbangpol")]);
    type("Penelitian");
    expect(options()).toEqual([expect.stringContaining("Bappedalitbang")]);
  });

  it("says so when nothing matches", () => {
    const { type, options } = setup();
    type("zzz");
    expect(options()).toEqual([]);
    expect(screen.getByRole("status").textContent).toContain("zzz");
  });

  it("moves with the arrow keys and picks with Enter", () => {
    const { input, type, press, onChange } = setup();
    type("dinas");
    const active = () => screen.getByRole("option", { selected: true }).textContent;
    expect(active()).toContain("Dinkes");
    press("ArrowDown");
    expect(active()).toContain("Dinsos");
    expect(input.getAttribute("aria-activedescendant")).toBe("agency-option-agency-DINSOS");
    press("ArrowDown");
    expect(active()).toContain("Dinsos"); // the last match stays put
    press("ArrowUp");
    expect(active()).toContain("Dinkes");
    press("Enter");
    expect(onChange).toHaveBeenCalledWith("agency-DINKES");
    expect(input.value).toBe("Dinkes — Dinas Kesehatan");
    expect(screen.queryAllByTestId("agency-option")).toHaveLength(0);
  });

  it("opens the whole list with ArrowDown and closes it with Escape", () => {
    const { input, press, options } = setup();
    press("ArrowDown");
    expect(options()).toHaveLength(AGENCIES.length);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    press("Escape");
    expect(options()).toHaveLength(0);
  });

  it("picks with a click", () => {
    const { input, type, onChange } = setup();
    type("rumah");
    fireEvent.click(screen.getByTestId("agency-option"));
    expect(onChange).toHaveBeenCalledWith("agency-RSUD");
    expect(input.value).toBe("RSUD — Rumah Sakit Umum Daerah");
  });

  it("on leaving, picks a single match or goes back to the chosen agency", () => {
    const { input, type, onChange } = setup();
    type("sosial");
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith("agency-DINSOS");
    expect(input.value).toBe("Dinsos — Dinas Sosial");
    type("dinas");
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(input.value).toBe("Dinsos — Dinas Sosial");
  });
});
