// Marks a page as fully drawn, for the PDF printer and the browser tests: called in the page's last cell with
// every data file of the page as arguments, so the mark appears only once all of them are loaded and shown.
import {html} from "htl";

export function pagePrete(...donnees) {
  return html`<span class="page-prete" hidden data-fichiers=${donnees.length}></span>`;
}
