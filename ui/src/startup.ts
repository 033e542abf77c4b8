import { appInfo, openLab } from "./api";
import type { Lab } from "./bindings/Lab";

/**
 * The lab to reopen at launch: the one opened last, if it still opens. Any other failure
 * (the database cannot be read at all) is thrown, for the start screen to explain.
 */
export async function lastLab(): Promise<Lab | null> {
  const info = await appInfo();
  if (!info.lastLabId) return null;
  try {
    return await openLab(info.lastLabId);
  } catch {
    // Gone or unreadable: the list of labs shows what there is, or explains the failure.
    return null;
  }
}
