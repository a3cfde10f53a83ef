// The index's find boxes: as a reader types, a briefing's editions narrow to those whose name holds what was
// typed (ignoring case and accents), and the count is announced. Without JavaScript every edition stays
// listed and the boxes stay hidden.
(() => {
  "use strict";
  // "Ynys Môn" is found by typing "mon": decomposed, the accent is a mark of its own to drop.
  const folded = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase().trim();

  for (const box of document.querySelectorAll(".find")) {
    const input = box.querySelector("input");
    const found = box.querySelector(".found");
    const editions = Array.from(document.getElementById(input.getAttribute("aria-controls")).children,
      (edition) => ({ edition, name: folded(edition.querySelector("h3").textContent) }));
    input.addEventListener("input", () => {
      const wanted = folded(input.value);
      let shown = 0;
      for (const { edition, name } of editions) {
        edition.hidden = !name.includes(wanted);
        shown += edition.hidden ? 0 : 1;
      }
      found.textContent = `${shown} of ${editions.length} editions`;
    });
    box.hidden = false;
  }
})();
