import { render } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { pure } from "./pure";

describe("pure", () => {
  it("redraws when a prop changes, not when only its parent redraws, and still on its own state", () => {
    let draws = 0;
    let bump: () => void = () => undefined;
    const List = pure(function List({ items }: { items: readonly string[] }) {
      const [n, setN] = useState(0);
      bump = () => setN((v) => v + 1);
      draws += 1;
      return (
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
          <li>{n}</li>
        </ul>
      );
    });
    const items = ["a", "b"];
    const { rerender, container } = render(<List items={items} />);
    expect(draws).toBe(1);
    rerender(<List items={items} />); // the parent typed a key: same props
    expect(draws).toBe(1);
    rerender(<List items={["a", "b", "c"]} />);
    expect(draws).toBe(2);
    expect(container.querySelectorAll("li")).toHaveLength(4);
    bump();
    return Promise.resolve().then(() => new Promise((r) => setTimeout(r, 0))).then(() => {
      expect(draws).toBe(3);
      expect(container.textContent).toContain("1");
    });
  });
});
