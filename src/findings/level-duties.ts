import dutiesTable from "../../data/findings/level-duties.json";
import type { ItemReference } from "../align/types.js";
import { escapeRegExp } from "../_lib/escape-reg-exp.js";
import { levelDepth, type Plan } from "../model/plan.js";
import { simplifyText } from "../text/normalize.js";

// Which duties belong to a plan's own level (data/findings/level-duties.json): a 省级 command centre or a
// provincial college is not something a county plan is expected to carry.

const wordsOfLevel = dutiesTable.levels as Partial<Record<Plan["jurisdiction"]["level"], string[]>>;
const institution = dutiesTable.institutionWords.map(escapeRegExp).join("|");

/**
 * Whether a reference item is a duty of the reference plan's own level, which a plan below it is not
 * expected to carry: 加强省级专业救援队伍建设, 省级应急指挥中心建设, 依托吉林应急管理学院….
 */
export function isDutyOfOwnLevel(item: ItemReference, reference: Plan, subject: Plan): boolean {
  if (levelDepth[reference.jurisdiction.level] >= levelDepth[subject.jurisdiction.level]) return false;
  const title = simplifyText(item.label);
  if ((wordsOfLevel[reference.jurisdiction.level] ?? []).some((word) => title.includes(word))) return true;
  const name = reference.jurisdiction.name;
  const shortName = name.replace(/(?:省|市|县|自治区|自治州)$/u, "");
  return name !== "全国" && (title.includes(name) || new RegExp(`${escapeRegExp(shortName)}(?:${institution})`, "u").test(title));
}
