// The hub's search page: Pagefind in the browser, with the query and filters kept in the URL.
// Everything shown comes from the page itself (labels, messages) or from Pagefind's index.
const form = document.getElementById("search-form");
const filtersBox = document.getElementById("search-filters");
const PAGE_SIZE = 10;
const MIN_SHARED = 4; // letters a matched word must share with the beginning of a query word
const FILTERS = filtersBox ? JSON.parse(filtersBox.dataset.filters) : [];
// Under `make devserver` (its reload script is on the page) the pages saved since the served index was
// written are indexed apart, into an overlay inside the bundle; /__hub__/search.json says which bundle is
// served, and the overlay's languages and the results it replaces (hub_build/overlay.py). Never on a
// published site: no request is made for it there.
const DEVSERVER = document.querySelector('script[src="/__hub__/reload.js"]') !== null;

if (form) {
  start().catch(() => say("failed"));
}

async function start() {
  document.getElementById("search-nojs").hidden = true;
  form.hidden = false;
  filtersBox.hidden = false;
  document.getElementById("search-app").classList.add("search-live");
  foldFilters();
  const state = {
    pagefind: null,
    parts: [],
    run: 0,
    results: [],
    shown: 0,
    data: new Map(),
    stale: new Set(),
    served: null,
  };
  // Pagefind loads while the reader may already type or choose a filter: each search waits for it, so
  // nothing asked for on a slow connection is lost.
  state.ready = loadPagefind(state);
  state.ready.catch(() => {}); // said by the search that waits for it
  const query = form.elements.q;
  const run = () => search(state).catch(() => say("failed"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    toURL("push");
    run();
  });
  // The filters are tied to the form by `form=` but sit outside it: their changes bubble to the box.
  filtersBox.addEventListener("change", async (event) => {
    if (event.target.name === "state") {
      form.elements.jurisdiction.value = "";
      await loadPlaces(form.elements.state.value, "");
    }
    toURL("push");
    run();
  });
  let timer;
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      toURL("replace");
      run();
    }, 250);
  });
  window.addEventListener("popstate", async () => {
    await fromURL();
    run();
  });
  document.getElementById("search-more").addEventListener("click", () => showMore(state, true));

  await fromURL();
  await search(state);
}

// A large site's index is in parts, newest pages first (data-parts: their folders in the bundle; see
// plugins/hub_search/parts.py). Each part is loaded through its own copy of Pagefind's script, a module of
// its own: instances made by one script (its createInstance) share one WebAssembly memory, and two
// indexes of the same language in it were seen to fail ("memory access out of bounds").
async function loadPagefind(state) {
  const bundle = new URL(form.dataset.pagefind, window.location.href);
  const folders = JSON.parse(form.dataset.parts || "[]");
  const [pagefind, ...parts] = await Promise.all(
    [bundle.href, ...folders.map((folder) => new URL(`${folder}pagefind.js`, bundle).href)].map(async (url) => {
      const instance = await import(url);
      await instance.options({ excerptLength: 24 });
      instance.init();
      return instance;
    }),
  );
  state.pagefind = pagefind;
  state.parts = parts;
}

// One search over every part: by relevance, the results of all ranked by score, as Pagefind ranks those
// of indexes it merges; by date, each part's in turn, as the parts are cut by date.
async function searchAll(state, term, options) {
  if (!state.parts.length) return state.pagefind.search(term, options);
  const all = await Promise.all([state.pagefind, ...state.parts].map((part) => part.search(term, options)));
  const results = all.flatMap((found) => (found ? found.results : []));
  if (!options || !options.sort) results.sort((a, b) => b.score - a.score);
  return { ...all[0], results };
}

async function fromURL() {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of [...FILTERS, "sort"]) {
    if (name !== "jurisdiction") setSelect(form.elements[name], params.get(name) || "");
  }
  await loadPlaces(form.elements.state.value, params.get("jurisdiction") || "");
}

// The filters stand open beside the results where the layout has room for them (the stylesheet says
// where: --filters-open), and fold under the count on a narrow screen; only a change of layout, never a
// reader's own opening or closing, changes that.
function foldFilters() {
  const wide = () => getComputedStyle(filtersBox).getPropertyValue("--filters-open").trim() === "1";
  let open = wide();
  filtersBox.open = open;
  window.addEventListener("resize", () => {
    if (wide() === open) return;
    open = wide();
    filtersBox.open = open;
  });
}

// The disclosure's summary says how many filters are on, in the page's words for that number.
function countFilters() {
  const on = FILTERS.filter((name) => form.elements[name].value).length;
  const labels = JSON.parse(filtersBox.dataset.labels);
  filtersBox.querySelector("summary").textContent = labels[Math.min(on, labels.length - 1)];
}

function setSelect(select, value) {
  const known = [...select.options].some((option) => option.value === value);
  select.value = known ? value : "";
}

function toURL(mode) {
  const params = new URLSearchParams();
  const words = form.elements.q.value.trim();
  if (words) params.set("q", words);
  for (const name of [...FILTERS, "sort"]) {
    const value = form.elements[name].value;
    if (value) params.set(name, value);
  }
  const url = `${window.location.pathname}${params.toString() ? `?${params}` : ""}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  window.history[mode === "push" ? "pushState" : "replaceState"](null, "", url);
}

async function loadPlaces(stateCode, selected) {
  const select = form.elements.jurisdiction;
  select.length = 1;
  select.disabled = !stateCode;
  if (!stateCode) return;
  const response = await fetch(`${form.dataset.places}${stateCode}.json`);
  if (response.ok) {
    for (const place of await response.json()) select.add(new Option(place.name, place.slug));
  }
  setSelect(select, selected);
}

async function search(state) {
  const run = ++state.run;
  const words = form.elements.q.value.trim();
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  const results = document.getElementById("search-results");
  linkElsewhere();
  countFilters();
  if (!words && !Object.keys(filters).length) {
    results.replaceChildren();
    document.getElementById("search-more").hidden = true;
    say("");
    return;
  }
  say("searching");
  const options = { filters };
  if (form.elements.sort.value === "date") options.sort = { date: "desc" };
  await state.ready;
  if (run !== state.run) return;
  if (DEVSERVER) await followBundle(state);
  const found = await find(state, words || null, options);
  if (run !== state.run || !found) return; // a newer search has started
  state.results = found.results;
  state.data = new Map();
  if (words && !(await matchesEveryWord(state, words))) state.results = [];
  if (run !== state.run) return;
  state.shown = 0;
  results.replaceChildren();
  await showMore(state, false);
  if (run !== state.run) return;
  if (state.results.length) say("count", state.results.length);
  else say(words ? "noneFor" : "none", words);
}

// Pagefind's search, without the results an overlay replaces.
async function find(state, term, options) {
  let found;
  try {
    found = await searchAll(state, term, options);
  } catch (error) {
    if (!DEVSERVER) throw error;
    // The devserver put a new index in place while this one was read: read the new one, once.
    await followBundle(state, true);
    found = await searchAll(state, term, options);
  }
  if (found && state.stale.size) found.results = found.results.filter((result) => !state.stale.has(result.id));
  return found;
}

// The devserver's index as it is now: read again when another bundle, or another overlay, is served.
// Until the full index is written again, the pages saved since come from the overlay, ranked by how
// well they match among the others whatever the order asked for.
async function followBundle(state, again = false) {
  const response = await fetch("/__hub__/search.json", { cache: "no-store" });
  if (!response.ok) return;
  const served = await response.json();
  const key = JSON.stringify(served);
  if (key === state.served && !again) return;
  if (state.served !== null || again) {
    await state.pagefind.destroy();
    await state.pagefind.options({ excerptLength: 24 });
    state.pagefind.init();
  }
  state.served = key;
  const overlay = served.overlay;
  state.stale = new Set(overlay ? overlay.stale : []);
  const lang = (document.documentElement.lang || "").toLowerCase();
  if (overlay && overlay.languages.some((code) => code === lang || lang.startsWith(`${code}-`))) {
    const bundle = new URL(form.dataset.pagefind, window.location.href);
    await state.pagefind.mergeIndex(new URL("overlay/", bundle).pathname, { excerptLength: 24 });
  }
}

// Pagefind answers a word it has no match for with the pages holding the longest indexed word the query
// word starts with ("inmigrantes" finds every "in"): results, but no match. A word really matches when
// its stem is an indexed word (Pagefind's own stemming, asked through an exact search of the word alone:
// "policies" finds "policy") or when a matched word of a result shares most of its beginning (a word
// still being typed: "immigra" finds "immigration"; a form the stemmer cuts differently: "alquileres"
// finds "alquiler"). A query matches when each of its words does.
async function matchesEveryWord(state, words) {
  if (!state.results.length || /^\s*".+"\s*$/.test(words)) return true; // an exact phrase never falls back
  const batch = await dataOf(state, state.results.slice(0, PAGE_SIZE));
  const matched = [...new Set(batch.flatMap((data) => matchedWords(data)))];
  for (const word of words.replaceAll('"', " ").split(/\s+/).filter(Boolean)) {
    const term = folded(word).replaceAll(" ", "");
    if (!term || matched.some((found) => sharesBeginning(found, term))) continue;
    const exact = await find(state, `"${word}"`);
    if (!exact || !exact.results.length) return false;
  }
  return true;
}

// Whether `found` starts with `term`, or the two share a beginning of at least 60 % of `term` (and
// MIN_SHARED letters): the longest indexed word Pagefind falls back to is then a form of the same word,
// not a short word that happens to begin it ("in", "a", "de").
function sharesBeginning(found, term) {
  if (found.startsWith(term)) return true;
  let shared = 0;
  while (shared < found.length && found[shared] === term[shared]) shared += 1;
  return shared >= Math.max(MIN_SHARED, Math.ceil(term.length * 0.6));
}

// The words of a result Pagefind matched, folded like the query (Pagefind's locations count the words
// of the page's text; a hyphenated word is indexed as a whole and as its parts).
function matchedWords(data) {
  const words = data.content.split(/\s+/);
  return data.locations.flatMap((at) => folded(words[at] || "").split(" "));
}

// Lower case, without accents or punctuation, as Pagefind compares words.
function folded(text) {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Each result's data, fetched once: the check of the words and the list share it.
async function dataOf(state, batch) {
  return Promise.all(
    batch.map((result) => {
      if (!state.data.has(result.id)) state.data.set(result.id, result.data());
      return state.data.get(result.id);
    }),
  );
}

// The same search on the page in the site's language keeps the query and the filters.
function linkElsewhere() {
  const link = document.getElementById("search-elsewhere");
  if (!link) return;
  const url = new URL(link.href);
  url.search = window.location.search;
  link.href = url.toString();
}

async function showMore(state, moveFocus) {
  const batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
  const data = await dataOf(state, batch);
  const list = document.getElementById("search-results");
  const items = data.map(renderResult);
  list.append(...items);
  state.shown += batch.length;
  document.getElementById("search-more").hidden = state.shown >= state.results.length;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

function renderResult(data) {
  const item = document.createElement("li");
  item.className = "result";
  const kind = document.createElement("p");
  kind.className = "result-type";
  kind.textContent = label("type", data.meta.type);
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(kind, heading);
  const details = [data.meta.date ? formatDate(data.meta.date) : "", data.meta.places || ""].filter(Boolean);
  if (details.length) {
    const meta = document.createElement("p");
    meta.className = "result-meta";
    meta.textContent = details.join(" · ");
    item.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "result-excerpt";
  excerpt.append(...highlighted(data.excerpt));
  item.append(excerpt);
  return item;
}

// Pagefind's excerpt is text with <mark> around the matches: keep exactly that, as nodes, never as HTML.
function highlighted(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html").body.firstChild;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function label(filter, value) {
  const option = [...form.elements[filter].options].find((o) => o.value === value);
  return option ? option.textContent : value || "";
}

function formatDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const lang = document.documentElement.lang || undefined;
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

function say(message, value) {
  const status = document.getElementById("search-status");
  const texts = { searching: status.dataset.searching, none: status.dataset.none, failed: status.dataset.failed };
  if (message === "count") {
    status.textContent = value === 1 ? status.dataset.one : status.dataset.many.replace("{count}", value);
  } else if (message === "noneFor") {
    status.textContent = status.dataset.noneFor.replace("{query}", () => value); // text, never markup
  } else {
    status.textContent = texts[message] || "";
  }
}
