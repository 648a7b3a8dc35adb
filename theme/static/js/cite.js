// "Cite this": the build prints each citation with the page's address from the site's settings and the
// build's date as the date of access (plugins/hub_toolkit/templates/toolkit_cite.html). Here the address
// becomes the absolute one the reader is at (the same page, resolved against the address bar, so a
// preview or a site built without HUB_SITEURL still cites a full URL), and the date of access today's,
// written as the page's language writes a long date (as the build's Babel formatter does).
const lang = document.documentElement.lang || "en";
const today = new Date();
const long = new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(today);
const iso = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
  .map((n, i) => String(n).padStart(i ? 2 : 4, "0"))
  .join("-");
for (const url of document.querySelectorAll("[data-cite-url]")) {
  url.textContent = new URL(url.textContent.trim(), window.location.href).href;
}
for (const date of document.querySelectorAll("[data-cite-date]")) {
  date.textContent = long;
  date.setAttribute("datetime", iso);
}
for (const note of document.querySelectorAll("[data-cite-note]")) {
  note.textContent = note.dataset.today;
}
