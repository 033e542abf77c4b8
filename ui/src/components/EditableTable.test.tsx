import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api";
import { EditableTable, RowForm } from "./EditableTable";
import { TextField } from "./Field";

type Fruit = { id: string; name: string; colour: string; gone?: boolean };
const FRUITS: Fruit[] = [
  { id: "f1", name: "Salak", colour: "brown" },
  { id: "f2", name: "Duku", colour: "yellow" },
  { id: "f3", name: "Kedondong", colour: "green", gone: true },
];

type Values = { name: string; colour: string };

function FruitForm(props: {
  prefix: string;
  initial: Values;
  onSubmit: (v: Values) => Promise<void>;
  onCancel?: () => void;
  check?: (v: Values) => ApiError | null;
  again?: string;
}) {
  return (
    <RowForm title="Fruit" fields={["name", "colour"]} focus="name" submitLabel="Keep" {...props}>
      {(f) => (
        <>
          <TextField {...f.field("name")} label="Name" required />
          <TextField {...f.field("colour")} label="Colour" />
        </>
      )}
    </RowForm>
  );
}

function renderTable(save: (f: Fruit, v: Values) => Promise<void> = async () => undefined, rows: readonly Fruit[] = FRUITS) {
  const remove = vi.fn();
  render(
    <EditableTable
      rows={rows}
      rowKey={(f) => f.id}
      testid="fruit-table"
      caption="Fruits"
      empty="No fruit yet."
      columns={[
        { label: "Name", cell: (f) => f.name, class: "setup-table__code" },
        { label: "Colour", cell: (f) => f.colour },
      ]}
      rowAttrs={(f) => ({ "data-testid": "fruit-row", "data-id": f.id, class: f.gone ? "is-retired" : undefined })}
      edit={{
        label: "Edit",
        aria: (f) => `Edit ${f.name}`,
        testid: "fruit-edit",
        can: (f) => !f.gone,
        form: (f, close) => (
          <FruitForm
            prefix={`fruit-${f.id}`}
            initial={{ name: f.name, colour: f.colour }}
            onSubmit={async (v) => {
              await save(f, v);
              close();
            }}
            onCancel={close}
          />
        ),
      }}
      actions={(f) => (
        <button type="button" data-testid="fruit-remove" onClick={() => remove(f.id)}>
          Remove
        </button>
      )}
    />,
  );
  return { remove };
}

const row = (id: string) => screen.getAllByTestId("fruit-row").find((r) => r.getAttribute("data-id") === id)!;

describe("EditableTable", () => {
  it("shows a row per record under column headings, with a caption and a last column of buttons", () => {
    const { remove } = renderTable();
    const table = screen.getByTestId("fruit-table");
    expect(table.querySelector("caption")?.textContent).toBe("Fruits");
    expect([...table.querySelectorAll("th")].map((th) => [th.getAttribute("scope"), th.textContent])).toEqual([
      ["col", "Name"],
      ["col", "Colour"],
      ["col", "Tindakan"],
    ]);
    expect([...row("f1").querySelectorAll("td")].map((td) => td.textContent)).toEqual(["Salak", "brown", "EditRemove"]);
    expect(row("f1").querySelector("td")?.className).toBe("setup-table__code");
    expect(within(row("f1")).getByTestId("fruit-edit").getAttribute("aria-label")).toBe("Edit Salak");
    expect(row("f3").className).toBe("is-retired");
    expect(within(row("f3")).queryByTestId("fruit-edit")).toBeNull();
    fireEvent.click(within(row("f2")).getByTestId("fruit-remove"));
    expect(remove).toHaveBeenCalledWith("f2");
  });

  it("says so when there is no row", () => {
    renderTable(undefined, []);
    expect(screen.queryByTestId("fruit-table")).toBeNull();
    expect(screen.getByText("No fruit yet.").className).toBe("setup-empty");
  });

  it("edits a row in place: the form spans the row, takes the focus, saves with Enter and gives the focus back", async () => {
    const save = vi.fn(async () => undefined);
    renderTable(save);
    fireEvent.click(within(row("f2")).getByTestId("fruit-edit"));
    const name = screen.getByTestId("fruit-f2-name") as HTMLInputElement;
    expect(name.value).toBe("Duku");
    expect(document.activeElement).toBe(name);
    expect(name.closest("td")?.colSpan).toBe(3);
    expect(name.closest("tr")?.className).toBe("setup-table__form-row");
    expect(screen.getAllByTestId("fruit-row")).toHaveLength(2);

    fireEvent.input(name, { target: { value: "Duku Palembang" } });
    fireEvent.submit(screen.getByTestId("fruit-f2-form"));
    await waitFor(() => expect(save).toHaveBeenCalledWith(FRUITS[1], { name: "Duku Palembang", colour: "yellow" }));
    await waitFor(() => expect(screen.queryByTestId("fruit-f2-form")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(within(row("f2")).getByTestId("fruit-edit")));
    expect(document.activeElement?.id).toBe("fruit-edit-f2");
  });

  it("cancels an edit with Esc or Batal, saving nothing, and gives the focus back", async () => {
    const save = vi.fn(async () => undefined);
    renderTable(save);
    fireEvent.click(within(row("f1")).getByTestId("fruit-edit"));
    fireEvent.input(screen.getByTestId("fruit-f1-name"), { target: { value: "Salak Pondoh" } });
    fireEvent.keyDown(screen.getByTestId("fruit-f1-name"), { key: "Escape" });
    expect(screen.queryByTestId("fruit-f1-form")).toBeNull();
    expect(row("f1").textContent).toContain("Salak");
    await waitFor(() => expect(document.activeElement).toBe(within(row("f1")).getByTestId("fruit-edit")));

    fireEvent.click(within(row("f1")).getByTestId("fruit-edit"));
    fireEvent.click(within(screen.getByTestId("fruit-f1-form")).getByText("Batal"));
    expect(screen.queryByTestId("fruit-f1-form")).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });

  it("edits one row at a time", () => {
    renderTable();
    fireEvent.click(within(row("f1")).getByTestId("fruit-edit"));
    fireEvent.click(within(row("f2")).getByTestId("fruit-edit"));
    expect(screen.queryByTestId("fruit-f1-form")).toBeNull();
    expect(screen.getByTestId("fruit-f2-form")).toBeTruthy();
  });

  it("lets the screen keep which row is edited", () => {
    const onEditing = vi.fn();
    const table = (editing: string | null) => (
      <EditableTable
        rows={FRUITS}
        rowKey={(f) => f.id}
        caption="Fruits"
        empty=""
        columns={[{ label: "Name", cell: (f) => f.name }]}
        editing={editing}
        onEditing={onEditing}
        edit={{ label: "Edit", aria: (f) => f.name, testid: "fruit-edit", form: (f) => <p data-testid="editing">{f.name}</p> }}
      />
    );
    const { rerender } = render(table("f1"));
    expect(screen.getByTestId("editing").textContent).toBe("Salak");
    fireEvent.click(screen.getAllByTestId("fruit-edit")[0]);
    expect(onEditing).toHaveBeenCalledWith("f2");
    rerender(table(null));
    expect(screen.queryByTestId("editing")).toBeNull();
  });
});

describe("RowForm", () => {
  it("shows a refusal at the field it names, focuses that field and keeps what was typed", async () => {
    const onSubmit = vi.fn(async () => {
      throw { code: "invalid_input", message: "name: is required", field: "name", reason: { kind: "required" } };
    });
    render(<FruitForm prefix="fruit-new" initial={{ name: "", colour: "" }} onSubmit={onSubmit} />);
    const colour = screen.getByTestId("fruit-new-colour") as HTMLInputElement;
    fireEvent.input(colour, { target: { value: "red" } });
    fireEvent.click(screen.getByTestId("fruit-new-save"));

    const error = await screen.findByTestId("field-error");
    const name = screen.getByTestId("fruit-new-name");
    expect(name.closest(".field")?.contains(error)).toBe(true);
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(name.getAttribute("aria-describedby")).toBe("fruit-new-name-error");
    expect(error.textContent).toContain("name: is required");
    expect(colour.getAttribute("aria-invalid")).toBeNull();
    expect(colour.value).toBe("red");
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });

  it("uses the screen's words for a field's problem", async () => {
    render(
      <RowForm
        prefix="p"
        title="T"
        initial={{ name: "" }}
        fields={["name"]}
        problem={(error, field) => (error?.field === field ? { text: `Bad ${field}`, detail: error.message } : null)}
        submitLabel="Keep"
        onSubmit={() => Promise.reject(new ApiError("invalid_input", "nope", "name"))}
      >
        {(f) => <TextField {...f.field("name")} label="Name" />}
      </RowForm>,
    );
    fireEvent.click(screen.getByTestId("p-save"));
    expect((await screen.findByTestId("field-error")).textContent).toContain("Bad name");
  });

  it("puts an error about no field it shows in a banner above the fields", async () => {
    render(
      <FruitForm
        prefix="fruit-new"
        initial={{ name: "x", colour: "" }}
        onSubmit={() => Promise.reject({ code: "storage_busy", message: "database is locked", field: null })}
      />,
    );
    fireEvent.click(screen.getByTestId("fruit-new-save"));
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("database is locked");
    expect(screen.queryByTestId("field-error")).toBeNull();
  });

  it("says it is saving and takes no second save meanwhile", async () => {
    let finish: () => void = () => undefined;
    const onSubmit = vi.fn(() => new Promise<void>((r) => (finish = r)));
    render(<FruitForm prefix="fruit-new" initial={{ name: "x", colour: "" }} onSubmit={onSubmit} />);
    const save = screen.getByTestId("fruit-new-save") as HTMLButtonElement;
    fireEvent.click(save);
    await waitFor(() => expect(save.disabled).toBe(true));
    expect(save.textContent).toBe("Menyimpan…");
    fireEvent.submit(screen.getByTestId("fruit-new-form"));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(save.disabled).toBe(false));
    expect(save.textContent).toBe("Keep");
  });

  it("refuses what its own check refuses, without saving", async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(
      <FruitForm
        prefix="fruit-new"
        initial={{ name: "Salak", colour: "" }}
        onSubmit={onSubmit}
        check={(v) => (v.name === "Salak" ? new ApiError("duplicate", "a record with this name already exists: Salak", "name", { kind: "taken", value: "Salak" }) : null)}
      />,
    );
    fireEvent.click(screen.getByTestId("fruit-new-save"));
    const error = await screen.findByTestId("field-error");
    expect(screen.getByTestId("fruit-new-name").closest(".field")?.contains(error)).toBe(true);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("with `again`, empties itself after a save and focuses the first field for the next record", async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(<FruitForm prefix="fruit-new" initial={{ name: "", colour: "" }} onSubmit={onSubmit} again="name" />);
    expect(screen.queryByText("Batal")).toBeNull();
    fireEvent.input(screen.getByTestId("fruit-new-name"), { target: { value: "Manggis" } });
    fireEvent.input(screen.getByTestId("fruit-new-colour"), { target: { value: "purple" } });
    screen.getByTestId("fruit-new-save").focus();
    fireEvent.click(screen.getByTestId("fruit-new-save"));
    await waitFor(() => expect((screen.getByTestId("fruit-new-name") as HTMLInputElement).value).toBe(""));
    expect(onSubmit).toHaveBeenCalledWith({ name: "Manggis", colour: "purple" });
    expect((screen.getByTestId("fruit-new-colour") as HTMLInputElement).value).toBe("");
    expect(document.activeElement).toBe(screen.getByTestId("fruit-new-name"));
  });

  it("is a labelled form with its title as a heading", () => {
    render(<FruitForm prefix="fruit-new" initial={{ name: "", colour: "" }} onSubmit={async () => undefined} onCancel={() => undefined} />);
    const form = screen.getByRole("form", { name: "Fruit" });
    expect(form.getAttribute("data-testid")).toBe("fruit-new-form");
    expect(within(form).getByRole("heading", { level: 3 }).textContent).toBe("Fruit");
  });
});
