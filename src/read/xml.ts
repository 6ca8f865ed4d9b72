import { Parser } from "htmlparser2";
import { PlanLoadError } from "../model/plan-load-error.js";

/** What a pass over an XML part listens to. */
export interface XmlHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text?(text: string): void;
}

/**
 * One streaming pass over an XML part of a Word file (htmlparser2 in XML mode, which neither builds a tree
 * nor stops at errors). An element left open, or closed by another's end tag, means the part is cut off or
 * malformed: the file is refused rather than read in part.
 *
 * @throws PlanLoadError naming the file and the part
 */
export function parseXmlPart(xml: string, handlers: XmlHandlers, file: string, part: string): void {
  let implied = 0;
  // htmlparser2 calls an element's end "implied" both when it closes itself (<w:tab/>), right after it
  // opens, and when it is left open: only the second is malformed.
  let justOpened: string | undefined;
  const parser = new Parser(
    {
      onopentag: (name, attributes) => {
        justOpened = name;
        handlers.open(name, attributes);
      },
      onclosetag: (name, isImplied) => {
        if (isImplied && justOpened !== name) implied += 1;
        justOpened = undefined;
        handlers.close(name);
      },
      ontext: (text) => {
        justOpened = undefined;
        handlers.text?.(text);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (implied > 0) throw new PlanLoadError(file, [{ path: part, message: "cut off or malformed XML (an element is not closed): the file is damaged; open it in Word or WPS and save it again" }]);
}
