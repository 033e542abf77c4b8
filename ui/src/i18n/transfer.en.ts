// English: import & merge, the conflict log, and backups.

import type { transferId } from "./transfer.id";

export const transferEn: Record<keyof typeof transferId, string> = {
  "data.tab.import": "Import & merge",
  "data.tab.backups": "Backups",

  "import.title": "Import & merge from another laptop",
  "import.intro":
    "Choose a lab bundle (.labinov) exported by another laptop. Labinov first shows what would change; nothing on this laptop changes until you press “Merge”.",
  "import.pick": "Choose a bundle…",
  "import.found": "Bundles on USB sticks",
  "import.foundNone": "No bundle on the plugged-in sticks.",
  "import.foundRefresh": "Look again",
  "import.check": "Check",
  "import.foundMeta": "{drive} · {size} · {at}",
  "import.pickTitle": "Choose a lab bundle (.labinov)",
  "import.filter": "Labinov bundle",
  "import.file": "Bundle: {path}",
  "import.checking": "Checking the bundle…",
  "import.previewTitle": "What will be merged",
  "import.lab": "Lab: {lab}",
  "import.labNew": "This lab is not on this laptop yet and will be created.",
  "import.from": "From laptop {id}, made {at}",
  "import.count.new": "New ideas",
  "import.count.changed": "Changed ideas",
  "import.count.deleted": "Deleted ideas",
  "import.count.conflicts": "Conflicts",
  "import.list.new": "New ideas ({n})",
  "import.list.changed": "Changed ideas ({n})",
  "import.list.deleted": "Deleted ideas ({n})",
  "import.deletedForGood": "(deleted for good)",
  "import.nothing": "Nothing new: this laptop already holds everything in this bundle.",
  "import.go": "Merge",
  "import.merging": "Merging…",
  "import.done": "Merged: {new} new ideas, {changed} changed, {deleted} deleted, {conflicts} conflicts logged.",
  "import.otherLab": "This bundle holds another lab ({lab}). Open that lab from the lab list to see it.",
  "import.clockAhead": "This bundle was not merged: the clock of laptop {laptop}, which made it, is too far ahead (it says {at}).",
  "import.clockAheadOther":
    "This bundle was not merged: it holds data from laptop {laptop}, whose clock is too far ahead (it says {at}).",
  "import.clockAheadFix":
    "Check the date and time on both laptops. If this laptop's clock is behind, correct it and try again. If laptop {laptop} is ahead, correct it too; what it wrote stays refused by other laptops until that time, so collect the data on laptop {laptop} instead: merge the other laptops' bundles into it.",

  "conflicts.title": "Conflict log",
  "conflicts.intro":
    "When two laptops change the same field, the later change is kept. The losing value is kept here and can be restored.",
  "conflicts.none": "No conflicts to look at.",
  "conflicts.field": "Field: {field}",
  "conflicts.lost": "Losing value",
  "conflicts.now": "Value now",
  "conflicts.from": "from laptop {id}, {at}",
  "conflicts.restore": "Restore this value",
  "conflicts.restored": "Value restored.",
  "conflicts.notRestorable": "This value cannot be restored automatically; type it again if needed.",
  "conflicts.empty": "(empty)",

  "backups.title": "Automatic backups",
  "backups.intro":
    "While Labinov is open, a copy of the whole database is saved every few minutes when something changed, and once more when the app closes. The last {n} are kept in the “backups” folder beside the database.",
  "backups.none": "No backups yet. The first is made a few minutes after something changes.",
  "backups.taken": "Time",
  "backups.size": "Size",
  "backups.restore": "Restore",
  "backups.confirm":
    "Restore the backup of {at}? Every lab goes back to how it was then. The current state is saved as a backup first, so this can be undone.",
  "backups.confirmYes": "Yes, restore",
  "backups.restoring": "Restoring…",
  "backups.restored": "Backup of {at} restored. The state before was saved as backup {before}.",
};
