import type { ApiError } from "../../api";
import { ErrorBanner } from "../../components/ErrorBanner";
import { fieldLabel, reasonText } from "../../errors";

/** An error of the room's screens in words: its reason when it has one. */
export function RoomError({ error }: { error: ApiError }) {
  const text = error.reason ? reasonText(error.reason, fieldLabel(error.field ?? "")) : undefined;
  return <ErrorBanner error={error} text={text} />;
}
