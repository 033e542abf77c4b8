import { render } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { BarChart, Coverage, DayColumns, describe as describeData, fitText } from "./Charts";
import { svgMarkup } from "./svgMarkup";

const widths = (svg: Element, selector = "rect.chart__bar") => [...svg.querySelectorAll(selector)].map((r) => Number(r.getAttribute("width")));
const texts = (svg: Element, selector: string) => [...svg.querySelectorAll(selector)].map((t) => t.textContent);

describe("BarChart", () => {
  it("draws a bar per datum, longest for the largest, with labels, values, a title and a description", () => {
    const { container } = render(
      <BarChart
        title="Ide per OPD"
        data={[
          { label: "Dinkes", value: 4 },
          { label: "Dinsos", value: 8 },
          { label: "RSUD", value: 0 },
        ]}
      />,
    );
    const svg = container.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Ide per OPD");
    expect(svg.querySelector("title")?.textContent).toBe("Ide per OPD");
    expect(svg.querySelector("desc")?.textContent).toBe("Dinkes: 4; Dinsos: 8; RSUD: 0");
    expect(texts(svg, ".chart__label")).toEqual(["Dinkes", "Dinsos", "RSUD"]);
    expect(texts(svg, ".chart__value")).toEqual(["4", "8", "0"]);
    const [dinkes, dinsos, rsud] = widths(svg);
    expect(dinsos).toBe(dinkes * 2);
    expect(rsud).toBe(0);
    // Every bar and its value stay inside the drawing.
    const [, , w] = svg.getAttribute("viewBox")!.split(" ").map(Number);
    const x = Number(svg.querySelector("rect")!.getAttribute("x"));
    expect(x + dinsos).toBeLessThanOrEqual(w);
  });

  it("puts long labels on their own line above the bars", () => {
    const { container } = render(
      <BarChart
        title="Ide per bentuk"
        data={[
          { label: "Inovasi tata kelola pemerintahan daerah", value: 4 },
          { label: "Inovasi pelayanan publik", value: 46 },
        ]}
      />,
    );
    const svg = container.querySelector("svg")!;
    expect(texts(svg, ".chart__label")).toEqual(["Inovasi tata kelola pemerintahan daerah", "Inovasi pelayanan publik"]);
    const label = svg.querySelector(".chart__label")!;
    expect(label.getAttribute("text-anchor")).toBeNull();
    expect(Number(label.getAttribute("y"))).toBeLessThan(Number(svg.querySelector("rect")!.getAttribute("y")));
    const [small, large] = widths(svg);
    expect(large).toBeGreaterThan(small * 10);
  });

  it("cuts a label that cannot fit, with an ellipsis", () => {
    expect(fitText("Dinas Kependudukan dan Pencatatan Sipil", 200, 20)).toBe("Dinas Kependuduk…");
    expect(fitText("Dinkes", 200, 20)).toBe("Dinkes");
    expect(describeData([{ label: "Hari 1", value: 3 }])).toBe("Hari 1: 3");
  });
});

describe("DayColumns", () => {
  it("draws a column per lab day, none for a day without ideas, with its day and value", () => {
    const { container } = render(
      <DayColumns
        title="Ide per hari"
        data={[
          { label: "Hari 1", value: 17 },
          { label: "Hari 2", value: 0 },
          { label: "Hari 3", value: 34 },
        ]}
      />,
    );
    const svg = container.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.textContent).toBe("Ide per hari");
    expect(svg.querySelector("desc")?.textContent).toBe("Hari 1: 17; Hari 2: 0; Hari 3: 34");
    const heights = [...svg.querySelectorAll("rect")].map((r) => Number(r.getAttribute("height")));
    expect(heights).toHaveLength(3);
    expect(heights[1]).toBe(0);
    expect(heights[2]).toBe(heights[0] * 2);
    expect(texts(svg, ".chart__label")).toEqual(["Hari 1", "Hari 2", "Hari 3"]);
    expect(texts(svg, ".chart__value")).toEqual(["17", "0", "34"]);
  });
});

describe("Coverage", () => {
  it("splits one bar into the agencies with an idea and those without, labelled when asked", () => {
    const cov = render(<Coverage title="35 dari 37 OPD sudah punya ide" covered={35} total={37} width={370} labels={{ covered: "35 sudah", missing: "2 belum" }} />);
    const svg = cov.container.querySelector("svg")!;
    expect(svg.querySelector("title")?.textContent).toBe("35 dari 37 OPD sudah punya ide");
    const [rest, filled] = [...svg.querySelectorAll("rect")];
    expect(Number(rest.getAttribute("width"))).toBe(370);
    expect(Number(filled.getAttribute("width"))).toBe(350);
    expect(svg.textContent).toContain("35 sudah");
    expect(svg.textContent).toContain("2 belum");
  });

  it("draws nothing filled for a lab without agencies", () => {
    const { container } = render(<Coverage title="0 dari 0" covered={0} total={0} />);
    expect(Number(container.querySelectorAll("rect")[1].getAttribute("width"))).toBe(0);
  });
});

describe("svgMarkup", () => {
  it("gives a chart as standalone SVG text", () => {
    const markup = svgMarkup(<DayColumns title="Ide per hari" data={[{ label: "Hari 1", value: 2 }]} />);
    expect(markup.startsWith("<svg")).toBe(true);
    expect(markup).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(markup).toContain("<title>Ide per hari</title>");
    expect(markup).toContain(">Hari 1</text>");
  });
});
