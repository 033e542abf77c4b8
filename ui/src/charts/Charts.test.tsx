import { render } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { BarChart, Coverage, DayColumns } from "./Charts";

describe("charts", () => {
  it("draw a bar per datum, longest for the largest, with labels, values and a title", () => {
    const { container } = render(
      <BarChart title="Ide per bentuk" data={[{ label: "Inovasi tata kelola pemerintahan daerah", value: 4 }, { label: "Inovasi pelayanan publik", value: 46 }]} />,
    );
    const svg = container.querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.querySelector("title")?.textContent).toBe("Ide per bentuk");
    const bars = [...svg.querySelectorAll("rect")].map((r) => Number(r.getAttribute("width")));
    expect(bars[1]).toBeGreaterThan(bars[0] * 10);
    expect(svg.textContent).toContain("Inovasi tata kelola pemerintahan daerah");
    expect(svg.textContent).toContain("46");
  });

  it("draw a column per lab day and the share of agencies covered", () => {
    const days = render(<DayColumns title="Ide per hari" data={[{ label: "Hari 1", value: 17 }, { label: "Hari 2", value: 0 }]} />);
    const rects = days.container.querySelectorAll("rect");
    expect(rects).toHaveLength(2);
    expect(Number(rects[1].getAttribute("height"))).toBe(0);
    const cov = render(<Coverage title="35 dari 37" covered={35} total={37} width={370} />);
    const [, filled] = [...cov.container.querySelectorAll("rect")];
    expect(Number(filled.getAttribute("width"))).toBe(350);
  });
});
