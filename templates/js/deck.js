// Slide viewer: one slide at a time, keyboard navigation, a slide counter, a URL fragment per slide
// and speaker notes on Alt+N (a modifier, so that speech input or a stray key never toggles them: WCAG
// 2.1.4). Without JavaScript the slides simply stack.
(() => {
  "use strict";
  const root = document.documentElement;
  const slides = Array.from(document.querySelectorAll(".slide"));
  const controls = document.querySelector(".deck-controls");
  const counter = controls.querySelector(".counter");
  const notesButton = controls.querySelector('[data-action="notes"]');
  const SLIDE_WIDTH = 1280;
  const SLIDE_HEIGHT = 720;
  let current = 0;
  let scale = 1;

  const clamp = (index) => Math.max(0, Math.min(slides.length - 1, index));

  // The slide holding the fragment's target: a slide (#slide-3), or a work a citation links to (#ref-husk-2020).
  function indexFromHash() {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    const slide = target && target.closest(".slide");
    return slide ? slides.indexOf(slide) : 0;
  }

  // Scale the slide (always 16:9: its frame clips) to the window above the controls, with the body padded by
  // exactly the controls' height (which grows with zoom), so that nothing overflows and no scrollbar appears.
  function fit() {
    const bar = controls.offsetHeight;
    document.body.style.paddingBottom = `${bar}px`;
    const fitted = Math.min(window.innerWidth / SLIDE_WIDTH, (window.innerHeight - bar) / SLIDE_HEIGHT);
    scale = Math.max(Math.floor(fitted * 1000) / 1000, 0.1);
    root.style.setProperty("--slide-scale", String(scale));
  }

  function show(index, updateHash) {
    current = clamp(index);
    slides.forEach((slide, n) => {
      slide.hidden = n !== current;
    });
    counter.textContent = `Slide ${current + 1} of ${slides.length}`;
    fit();
    if (updateHash) {
      window.history.replaceState(null, "", `#slide-${current + 1}`);
    }
  }

  function toggleNotes() {
    const shown = root.classList.toggle("show-notes");
    notesButton.setAttribute("aria-pressed", String(shown));
    fit();
  }

  const keys = {
    ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
    ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
  };

  document.addEventListener("keydown", (event) => {
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyN") {
      toggleNotes();  // event.code: Option+N types a dead key on macOS
      event.preventDefault();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest && event.target.closest("button, a, input, textarea")) {
      if (event.key === " " || event.key === "Enter") return;
    }
    if (event.key === "Home") show(0, true);
    else if (event.key === "End") show(slides.length - 1, true);
    else if (event.key in keys) show(current + (event.shiftKey && event.key === " " ? -1 : keys[event.key]), true);
    else return;
    event.preventDefault();
  });

  controls.addEventListener("click", (event) => {
    const action = event.target.closest("button")?.dataset.action;
    if (action === "previous") show(current - 1, true);
    else if (action === "next") show(current + 1, true);
    else if (action === "notes") toggleNotes();
  });

  window.addEventListener("hashchange", () => show(indexFromHash(), false));
  window.addEventListener("resize", fit);
  new ResizeObserver(fit).observe(controls);  // the controls grow with zoom and once fonts load
  root.classList.add("js");
  controls.hidden = false;
  show(indexFromHash(), false);
})();
