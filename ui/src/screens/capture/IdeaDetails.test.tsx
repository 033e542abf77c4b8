import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "../../bindings/ChangeRecord";
import { describeChange } from "./IdeaDetails";

const record = (op: ChangeRecord["op"], changes: ChangeRecord["changes"]): ChangeRecord => ({
  seq: 1,
  at: "2026-11-24T03:00:00Z",
  installationId: "install-1",
  entity: "idea",
  entityId: "idea-1",
  op,
  changes,
});

describe("describeChange", () => {
  it("says what happened in plain words, naming fields by their labels", () => {
    expect(describeChange(record("create", { title: { new: "X" } }))).toBe("Dicatat");
    expect(describeChange(record("update", { title: { old: "A", new: "B" }, tahapan: { old: "", new: "uji_coba" } }))).toBe(
      "Diubah: Nama inovasi, Tahapan inovasi",
    );
    expect(describeChange(record("delete", { deletedAt: { old: null, new: "2026-11-24T04:00:00Z" } }))).toBe(
      "Dipindahkan ke sampah",
    );
    expect(describeChange(record("update", { deletedAt: { old: "2026-11-24T04:00:00Z", new: null } }))).toBe(
      "Dipulihkan dari sampah",
    );
    expect(describeChange(record("update", { mergedInto: { old: null, new: "idea-2" } }))).toBe("Digabungkan ke ide lain");
    expect(describeChange(record("update", { mergedInto: { old: "idea-2", new: null } }))).toBe("Penggabungan dibatalkan");
    expect(describeChange(record("update", { attachment: { new: { fileName: "flipchart.jpg" } } }))).toBe(
      "Foto dilampirkan: flipchart.jpg",
    );
    expect(describeChange(record("update", { attachment: { old: "a-1", new: null } }))).toBe("Foto dihapus");
  });
});
