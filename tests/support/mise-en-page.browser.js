// Measured in the page by tests/e2e/mise-en-page.test.ts: what sticks out of the main column (outside a box that
// scrolls on its own), and the status badges that overflow their cell or overlap. Evaluates to a list of problems.
(() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`défilement horizontal : ${root.scrollWidth} px pour ${root.clientWidth}`);
  const main = document.querySelector("#observablehq-main");
  const column = main.getBoundingClientRect();
  const name = (element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.classList.length ? `.${[...element.classList].join(".")}` : ""}`;
  const insideScrollBox = (element) => {
    for (let parent = element.parentElement; parent && parent !== main; parent = parent.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(parent).overflowX)) return true;
    }
    return false;
  };
  for (const element of main.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(element);
    if (style.position === "absolute" && (style.clip !== "auto" || style.clipPath !== "none")) continue; // screen-reader text
    if (insideScrollBox(element)) continue;
    if (box.right > column.right + 1 || box.left < column.left - 1) problems.push(`${name(element)} déborde de la colonne : ${Math.round(box.left)}–${Math.round(box.right)} pour ${Math.round(column.left)}–${Math.round(column.right)}`);
  }
  // Text wider than its own cell runs into the next one (« manqua nt », a header over its neighbour).
  for (const cell of main.querySelectorAll("td, th, dd, dt, .marque")) {
    if (cell.clientWidth === 0 || insideScrollBox(cell)) continue;
    if (getComputedStyle(cell).overflowX === "visible" && cell.scrollWidth > cell.clientWidth + 1) problems.push(`texte plus large que sa case : ${name(cell)} « ${(cell.textContent ?? "").trim().slice(0, 40)} » (${cell.scrollWidth} px pour ${cell.clientWidth})`);
  }
  const badges = [...main.querySelectorAll(".marque")].filter((badge) => badge.getBoundingClientRect().width > 0);
  for (const badge of badges) {
    const cell = badge.closest("td, dd, th");
    if (!cell) continue;
    const [b, c] = [badge.getBoundingClientRect(), cell.getBoundingClientRect()];
    if (b.right > c.right + 1 || b.left < c.left - 1) problems.push(`badge « ${badge.textContent?.trim()} » hors de sa case (${name(cell)})`);
  }
  for (let i = 0; i < badges.length; i += 1) {
    for (let j = i + 1; j < badges.length; j += 1) {
      const [a, b] = [badges[i].getBoundingClientRect(), badges[j].getBoundingClientRect()];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) problems.push(`badges superposés : « ${badges[i].textContent?.trim()} » et « ${badges[j].textContent?.trim()} »`);
    }
  }
  return [...new Set(problems)].slice(0, 20);
})()
