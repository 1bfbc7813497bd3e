// The text of a PDF, read in JavaScript with Mozilla's PDF.js (pdfjs-dist): no system tool (poppler) is needed.
// Text runs are joined in reading order; a gap wider than a fraction of the font size becomes a space, and a change
// of line a line break, so that words and phrases can be searched as a reader sees them.
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { TextItem } from "pdfjs-dist/types/src/display/api.js";

export interface PdfContent {
  pages: number;
  text: string;
}

export async function readPdf(file: string): Promise<PdfContent> {
  const document = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const items = (await page.getTextContent()).items.filter((item): item is TextItem => "str" in item);
      let text = "";
      let previous: { x: number; y: number; size: number } | undefined;
      for (const item of items) {
        const [, , , d, x, y] = item.transform as [number, number, number, number, number, number];
        const size = Math.abs(d) || 1;
        if (previous) {
          if (Math.abs(y - previous.y) > size / 2) text += "\n";
          else if (x - previous.x > size * 0.2 && !text.endsWith(" ") && !item.str.startsWith(" ")) text += " ";
        }
        text += item.str;
        previous = { x: x + item.width, y, size };
        if (item.hasEOL) {
          text += "\n";
          previous = undefined;
        }
      }
      pages.push(text);
    }
    return { pages: document.numPages, text: pages.join("\n\f") };
  } finally {
    await document.destroy();
  }
}
