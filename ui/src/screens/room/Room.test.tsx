import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import type { Proposal } from "../../bindings/Proposal";
import type { RoomQuestion } from "../../bindings/RoomQuestion";
import type { RoomStatus } from "../../bindings/RoomStatus";
import { RoomCorner } from "../../projector/RoomCorner";
import { LAB, fakeBackend, type Handler } from "../../test/fixtures";
import { Moderation } from "./Moderation";
import { RoomPanel } from "./RoomPanel";

const CLOSED: RoomStatus = {
  labId: LAB.id,
  open: false,
  url: null,
  joinCode: null,
  qrSvg: null,
  joined: 0,
  askName: false,
  pendingProposals: 0,
  pendingQuestions: 0,
};
const OPEN: RoomStatus = {
  ...CLOSED,
  open: true,
  url: "http://192.168.43.1:41234/",
  joinCode: "K7P2QX",
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
  joined: 12,
  pendingProposals: 1,
};
const ADDRESSES = [
  { interface: "wlan0", ip: "192.168.43.1", loopback: false },
  { interface: "lo", ip: "127.0.0.1", loopback: true },
];

const PROPOSAL: Proposal = {
  id: "p1",
  labId: LAB.id,
  submissionId: "0190a6a0-0000-7000-8000-000000000001",
  agencyId: "a1",
  agencyName: "Dinas Kesehatan",
  agencyShortName: "Dinkes",
  proposerName: "Ibu Sari",
  title: "<b>Antrean</b> puskesmas lewat pesan",
  problem: "Antrean panjang",
  description: "",
  photo: null,
  state: "pending",
  ideaId: null,
  submittedAt: "2026-11-24T03:00:00.000Z",
  decidedAt: null,
  similar: [{ ideaId: "i9", title: "Antrean puskesmas daring", agencyShortName: "Dinkes", agencyName: "Dinas Kesehatan", score: 0.6 }],
};
const QUESTION: RoomQuestion = {
  id: "q1",
  labId: LAB.id,
  ideaId: "i9",
  ideaTitle: "Antrean puskesmas daring",
  text: "Berapa biayanya?",
  state: "pending",
  plusOnes: 3,
  askedAt: "2026-11-24T03:00:00.000Z",
  agencyShortName: "Dishub",
};

const last = <T,>(xs: T[]): T | undefined => xs[xs.length - 1];

const IDEA = { id: "i10", labId: LAB.id, title: "Antrean puskesmas lewat pesan" };

function backend(overrides: Record<string, Handler> = {}) {
  return fakeBackend({
    room_status: () => CLOSED,
    room_addresses: () => ADDRESSES,
    open_room: () => OPEN,
    close_room: () => CLOSED,
    list_proposals: () => [PROPOSAL],
    list_questions: () => [QUESTION],
    accept_proposal: (_, a) => ({ ...IDEA, title: (a.edit as { title?: string } | null)?.title ?? IDEA.title }),
    merge_proposal: () => ({ ...IDEA, id: "i9", title: "Antrean puskesmas daring" }),
    reject_proposal: () => ({ ...PROPOSAL, state: "rejected" }),
    moderate_question: (_, a) => ({ ...QUESTION, state: a.decision }),
    shown_questions: () => [],
    ...overrides,
  });
}

describe("the room panel", () => {
  it("is off by default, opens on the chosen address and shows the code, QR and count", async () => {
    const calls = backend();
    render(<RoomPanel lab={LAB} />);
    const open = await screen.findByTestId("room-open");
    expect(screen.queryByTestId("room-code")).toBeNull();
    const select = (await screen.findByTestId("room-address")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("192.168.43.1"));
    expect(select.options[1].textContent).toContain("127.0.0.1");
    fireEvent.click(open);
    expect((await screen.findByTestId("room-code")).textContent).toBe("K7P2QX");
    expect(screen.getByTestId("room-url").textContent).toBe("http://192.168.43.1:41234/");
    expect(screen.getByTestId("room-joined").textContent).toContain("12");
    expect((screen.getByTestId("room-qr") as HTMLImageElement).src).toMatch(/^data:image\/svg\+xml/);
    const opened = calls.find((c) => c.cmd === "open_room");
    expect(opened?.args).toMatchObject({ labId: LAB.id, address: "192.168.43.1", port: 0, askName: false });
    fireEvent.click(screen.getByTestId("room-close"));
    await screen.findByTestId("room-open");
    expect(calls.some((c) => c.cmd === "close_room")).toBe(true);
  });

  it("says why an address cannot be used", async () => {
    backend({
      open_room: () => {
        throw {
          code: "invalid_input",
          message: "address: in use",
          field: "address",
          reason: { kind: "addressUnavailable", address: "192.168.43.1:8080" },
        };
      },
    });
    render(<RoomPanel lab={LAB} />);
    const select = (await screen.findByTestId("room-address")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("192.168.43.1"));
    fireEvent.click(screen.getByTestId("room-open"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("192.168.43.1:8080");
  });
});

describe("the moderation queue", () => {
  it("shows a proposal with its duplicate hint, as text", async () => {
    backend();
    render(<Moderation lab={LAB} open={false} />);
    const item = await screen.findByTestId("proposal");
    expect(item.textContent).toContain("<b>Antrean</b> puskesmas lewat pesan");
    expect(item.querySelector("b")).toBeNull();
    expect(screen.getByTestId("proposal-similar").textContent).toContain("Antrean puskesmas daring");
    expect(item.textContent).toContain("Ibu Sari");
  });

  it("accepts, edits, merges and rejects by keyboard", async () => {
    const calls = backend();
    render(<Moderation lab={LAB} open={false} />);
    const item = await screen.findByTestId("proposal");
    item.focus();
    fireEvent.keyDown(item, { key: "Enter" });
    await waitFor(() => expect(calls.filter((c) => c.cmd === "accept_proposal")).toHaveLength(1));
    expect(calls.find((c) => c.cmd === "accept_proposal")?.args).toMatchObject({ proposalId: "p1", edit: null });

    fireEvent.keyDown(await screen.findByTestId("proposal"), { key: "g" });
    await waitFor(() => expect(calls.find((c) => c.cmd === "merge_proposal")?.args).toMatchObject({ proposalId: "p1", ideaId: "i9" }));

    fireEvent.keyDown(await screen.findByTestId("proposal"), { key: "Delete" });
    await waitFor(() => expect(calls.some((c) => c.cmd === "reject_proposal")).toBe(true));

    fireEvent.keyDown(await screen.findByTestId("proposal"), { key: "u" });
    const title = (await screen.findByDisplayValue("<b>Antrean</b> puskesmas lewat pesan")) as HTMLInputElement;
    fireEvent.input(title, { target: { value: "Antrean puskesmas lewat SMS" } });
    fireEvent.keyDown(title, { key: "Enter", ctrlKey: true });
    await waitFor(() =>
      expect(last(calls.filter((c) => c.cmd === "accept_proposal"))?.args).toMatchObject({
        proposalId: "p1",
        edit: { title: "Antrean puskesmas lewat SMS", agencyId: "a1", proposerName: "Ibu Sari" },
      }),
    );
  });

  it("shows or hides a question by keyboard", async () => {
    const calls = backend();
    render(<Moderation lab={LAB} open={false} />);
    const q = await screen.findByTestId("question");
    expect(q.textContent).toContain("Berapa biayanya?");
    fireEvent.keyDown(q, { key: "a" });
    await waitFor(() => expect(calls.find((c) => c.cmd === "moderate_question")?.args).toMatchObject({ questionId: "q1", decision: "approved" }));
    fireEvent.keyDown(await screen.findByTestId("question"), { key: "h" });
    await waitFor(() => expect(last(calls.filter((c) => c.cmd === "moderate_question"))?.args).toMatchObject({ decision: "hidden" }));
  });

  it("words a refusal by its reason", async () => {
    backend({
      accept_proposal: () => {
        throw { code: "invalid_input", message: "proposal: decided", field: "proposal", reason: { kind: "alreadyDecided" } };
      },
    });
    render(<Moderation lab={LAB} open={false} />);
    fireEvent.keyDown(await screen.findByTestId("proposal"), { key: "Enter" });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("sudah diputuskan");
  });
});

describe("the projector's join corner", () => {
  it("shows the QR code, code and live count only while the room is open", async () => {
    let status = OPEN;
    backend({ room_status: () => status, shown_questions: () => [{ ...QUESTION, state: "approved" }] });
    const { rerender } = render(<RoomCorner labId={LAB.id} version={0} />);
    const corner = await screen.findByTestId("projector-room");
    expect(corner.textContent).toContain("K7P2QX");
    expect(screen.getByTestId("projector-room-joined").textContent).toContain("12");
    await waitFor(() => expect(corner.textContent).toContain("Berapa biayanya?"));
    status = CLOSED;
    rerender(<RoomCorner labId={LAB.id} version={1} />);
    await waitFor(() => expect(screen.queryByTestId("projector-room")).toBeNull());
  });
});
