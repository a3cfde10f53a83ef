// Open built HTML pages in the system Chromium and report, as JSON on stdout:
//   axe-core violations of WCAG 2.0/2.1/2.2 A and AA rules (for slide decks, on every slide, and with
//   speaker notes shown);
//   keyboard operation of slide decks (arrow keys, End, Home; the live counter);
//   reflow at 200% zoom (a 1280px window zoomed to 200% is 640 CSS px wide) and, but for slides, at 400%
//   (320 CSS px): the page's scroll size;
//   with prefers-reduced-motion, elements that still animate or transition;
//   on a page with a find box (the index of a briefing with editions), whether Tab reaches it and what typing
//   "man" into it, then clearing it, leaves listed and announces.
// Usage: node tests/browser/axe.mjs [--screenshots DIR] FILE.html...
import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const CHROMIUM = process.env.CHROMIUM;  // the tests look it up (tests/conftest.py `chromium`)
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const argv = process.argv.slice(2);
let screenshots = null;
if (argv[0] === "--screenshots") {
  screenshots = argv[1];
  argv.splice(0, 2);
  mkdirSync(screenshots, { recursive: true });
}

async function axe(page) {
  // Once per document: axe is half a megabyte of script, and a hash change keeps the document. Evaluated
  // from outside, as the pages' Content-Security-Policy allows no script tag but their own.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}

const visibleSlide = (page) => page.evaluate(() => {
  const shown = [...document.querySelectorAll(".slide")].filter((s) => !s.hidden);
  return { ids: shown.map((s) => s.id), counter: document.querySelector(".deck-controls .counter").textContent };
});

const overflow = (page) => page.evaluate(() => ({
  scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
  scrollHeight: document.documentElement.scrollHeight, clientHeight: document.documentElement.clientHeight,
}));

function shotName(file, suffix) {
  return join(screenshots, `${basename(dirname(dirname(file)))}-${basename(dirname(file))}-${basename(file, ".html")}${suffix}.png`);
}

async function checkSlides(context, file, report) {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  await page.goto(url);
  const count = await page.locator(".slide").count();
  report.slides = count;
  for (let n = 1; n <= count; n += 1) {
    await page.goto(`${url}#slide-${n}`);
    await page.evaluate(() => window.dispatchEvent(new HashChangeEvent("hashchange")));
    for (const violation of await axe(page)) report.violations.push({ ...violation, slide: n });
  }
  // Speaker notes shown (the Notes button) on the first slide that has them.
  const noted = await page.evaluate(
    () => [...document.querySelectorAll(".slide")].findIndex((slide) => slide.querySelector(".notes")),
  );
  if (noted >= 0) {
    await page.goto(`${url}#slide-${noted + 1}`);
    await page.reload();
    await page.click('[data-action="notes"]');
    for (const violation of await axe(page)) {
      report.violations.push({ ...violation, slide: `${noted + 1} with notes` });
    }
  }
  // Keyboard alone: from the first slide, ArrowRight, End, ArrowLeft, Home.
  await page.goto(`${url}#slide-1`);
  await page.reload();
  const steps = [];
  for (const key of ["ArrowRight", "End", "ArrowLeft", "Home"]) {
    await page.keyboard.press(key);
    steps.push({ key, ...(await visibleSlide(page)) });
  }
  report.keyboard = steps;
  // Speaker notes: a bare "s" (say, from speech input) does nothing; Alt+N toggles them (WCAG 2.1.4).
  const notesShown = () => page.evaluate(() => document.documentElement.classList.contains("show-notes"));
  await page.keyboard.press("s");
  const afterS = await notesShown();
  await page.keyboard.press("Alt+KeyN");
  const afterAltN = await notesShown();
  await page.keyboard.press("Alt+KeyN");
  report.notesKeys = { afterS, afterAltN, afterSecondAltN: await notesShown() };
  report.liveRegion = await page.evaluate(() => {
    const counter = document.querySelector(".deck-controls .counter");
    return { live: counter.getAttribute("aria-live"), atomic: counter.getAttribute("aria-atomic") };
  });
  await page.close();
}

const moving = (page) => page.evaluate(() => [...document.querySelectorAll("*")].filter((el) => {
  const style = getComputedStyle(el);
  const seconds = (value) => Math.max(...value.split(",").map((part) => parseFloat(part) || 0));
  return seconds(style.transitionDuration) > 0 || seconds(style.animationDuration) > 0;
}).map((el) => el.tagName.toLowerCase() + (el.className ? `.${el.className}` : "")));

async function checkZoom(browser, file, report, isSlides) {
  // 200% zoom of a 1280 × 720 window: 640 × 360 CSS pixels drawn at twice the density.
  const context = await browser.newContext({
    viewport: { width: 640, height: 360 }, deviceScaleFactor: 2, reducedMotion: "reduce",
  });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href + (isSlides ? "#slide-3" : ""));
  report.zoom200 = await overflow(page);
  report.moving = await moving(page);
  if (!isSlides) {
    // WCAG 1.4.10 reflow: 320 CSS px wide (400% zoom) without scrolling in two directions.
    await page.setViewportSize({ width: 320, height: 256 });
    report.zoom400 = await overflow(page);
  }
  if (screenshots) await page.screenshot({ path: shotName(file, "-zoom200"), fullPage: !isSlides });
  await context.close();
}

// What the brand decided, as Chromium computes it: text and page colours, fonts, the first heading and link, the logo.
async function brandStyles(context, file) {
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  const styles = await page.evaluate(() => {
    const style = (selector, property) => {
      const el = document.querySelector(selector);
      return el ? getComputedStyle(el).getPropertyValue(property) : null;
    };
    const logo = document.querySelector("img.logo");
    return {
      color: style("body", "color"), background: style("html", "background-color"),
      fontFamily: style("body", "font-family"), headingFont: style("h1", "font-family"),
      accent: getComputedStyle(document.body).getPropertyValue("--accent").trim(),
      heading: style(".section h2, .slide h2, .briefing h2", "color"),
      logo: logo ? { alt: logo.getAttribute("alt"), loaded: logo.complete && logo.naturalWidth > 0 } : null,
    };
  });
  await page.close();
  return styles;
}

// The page's first find box, reached by the Tab after the skip link: the editions listed and the count it
// announces after typing "man", and after clearing the box again.
async function findBox(page) {
  await page.keyboard.press("Tab");
  const reachedByTab = await page.evaluate(() => document.activeElement === document.querySelector(".find input"));
  const state = () => page.evaluate(() => {
    const input = document.querySelector(".find input");
    const editions = [...document.getElementById(input.getAttribute("aria-controls")).children];
    return {
      text: input.value, status: input.closest(".find").querySelector("[role=status]").textContent,
      shown: editions.filter((edition) => !edition.hidden).map((edition) => edition.querySelector("h3").textContent),
    };
  });
  const visible = await page.locator(".find input").first().isVisible();
  await page.keyboard.type("man");
  const typed = await state();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  return { reachedByTab, visible, typed, cleared: await state() };
}

async function checkFile(browser, context, file) {
  const report = { file, violations: [] };
  const isSlides = basename(file) === "slides.html";
  if (isSlides) {
    await checkSlides(context, file, report);
  } else {
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    report.violations = await axe(page);
    // Keyboard: the first Tab reaches the skip link, and focus is visible (an outline is drawn).
    await page.keyboard.press("Tab");
    report.firstFocus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { className: el.className, outline: style.outlineStyle, top: el.getBoundingClientRect().top };
    });
    if (await page.locator(".find").count()) report.find = await findBox(page);
    await page.close();
  }
  await checkZoom(browser, file, report, isSlides);
  report.styles = await brandStyles(context, file);
  return report;
}

// Two pages at once (one per core), each in a context of its own.
const CONCURRENT = 2;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const files = argv.map((f) => resolve(f));
const reports = new Array(files.length);
let next = 0;
async function checkNext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    while (next < files.length) {
      const index = next;
      next += 1;
      reports[index] = await checkFile(browser, context, files[index]);
    }
  } finally {
    await context.close();
  }
}
try {
  await Promise.all(Array.from({ length: CONCURRENT }, checkNext));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(reports, null, 1));
