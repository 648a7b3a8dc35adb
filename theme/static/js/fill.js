// Fill in a model text's placeholders: each input of the "Adapt this text" form replaces every
// <mark class="placeholder"> of its name as the reader types; the values are kept in this browser's
// local storage under the model's address (never sent anywhere) until the reader clears them. While any
// value is filled in, the downloads carry them: the .md and .txt are the built files filled in here, the
// .docx the built file filled in by docx.js. The copy buttons put the filled-in text on the clipboard,
// as clean text (no heading underlines) or as Markdown. Without this script the section lists the
// placeholders to replace, the form stays hidden and every download is the built file, as a plain link.
// Which text is a placeholder, and its name, is decided once, by the build
// (plugins/hub_toolkit/sections.py): a bracketed text is filled only when its name is one of the form's.
// A value as it may go into any of the files: trimmed, without characters XML cannot hold.
const clean = (value) =>
  value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .trim();
// A placeholder's name as the build gives it: spaces and line breaks one space, composed (NFC).
const nameOf = (inner) => inner.replace(/[ \t\r\n]+/g, " ").normalize("NFC");
const BRACKETED = /\[([^[\]]{1,400})\]/g;
const ESCAPED = /\\?\[([^[\]]{1,400}?)\\?\]/g; // Markdown may escape the brackets: \[NAME\]
const UNDERLINE = /^((?:> )*)(=+|-+)$/;
const length = (text) => [...text].length; // in characters, as the build counts them

// The text after the first `blocks` paragraphs (the files' title and source lines).
const after = (text, blocks) => text.split("\n\n").slice(blocks).join("\n\n");

function start(form) {
  const marks = [...document.querySelectorAll(".model-text mark.placeholder[data-placeholder]")];
  const status = form.querySelector(".fill-status");
  const inputs = [...form.querySelectorAll("input[data-placeholder]")];
  const values = new Map();
  const written = new Map(marks.map((mark) => [mark, mark.textContent])); // as the text has it
  const key = `hub-fill:${form.dataset.model}`;
  const fetched = new Map();
  const downloads = new Map(
    [...document.querySelectorAll("a[data-fill-download]")].map((link) => [link.href, link.type]),
  );

  const say = (text) => {
    status.textContent = text;
  };
  const filled = () => [...values.values()].some(Boolean);
  const fill = (pattern) => (text) =>
    text.replace(pattern, (whole, inner) => values.get(nameOf(inner)) || whole);
  const fillText = fill(BRACKETED);
  const fillMarkdown = fill(ESCAPED);
  // Plain text: each heading's underline follows the heading's filled-in length; `underlines: false`
  // leaves them out (a clean text for the clipboard).
  const fillPlain = (text, underlines = true) => {
    const lines = text.split("\n");
    const out = [];
    lines.forEach((line, i) => {
      const under = i > 0 ? UNDERLINE.exec(line) : null;
      const above = under && lines[i - 1].startsWith(under[1]) ? lines[i - 1].slice(under[1].length) : null;
      if (above === null || length(above) !== under[2].length) {
        out.push(fillText(line));
      } else if (underlines) {
        out.push(under[1] + under[2][0].repeat(length(out.at(-1).slice(under[1].length))));
      }
    });
    return out.join("\n");
  };

  const store = () => {
    try {
      const kept = Object.fromEntries([...values].filter(([, value]) => value));
      if (Object.keys(kept).length) localStorage.setItem(key, JSON.stringify(kept));
      else localStorage.removeItem(key);
    } catch {
      // Storage refused (private browsing, full, disabled): the values last as long as the page.
    }
  };
  const stored = () => {
    try {
      const kept = JSON.parse(localStorage.getItem(key) ?? "{}");
      return kept && typeof kept === "object" ? kept : {};
    } catch {
      return {};
    }
  };

  const show = (input) => {
    const name = input.dataset.placeholder;
    const value = clean(input.value);
    values.set(name, value);
    for (const mark of marks) {
      if (mark.dataset.placeholder !== name) continue;
      mark.textContent = value || written.get(mark);
      mark.classList.toggle("filled", value !== "");
    }
    for (const note of document.querySelectorAll(".fill-note")) note.hidden = !filled();
  };

  const text = (url) => {
    if (!fetched.has(url)) {
      fetched.set(
        url,
        fetch(url).then((response) => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response;
        }),
      );
    }
    return fetched.get(url).then((response) => response.clone());
  };

  const copy = async (format) => {
    say("");
    try {
      const markdown = format === "markdown";
      const file = (await (await text(markdown ? form.dataset.markdown : form.dataset.text)).text()).normalize("NFC");
      const copied = markdown ? fillMarkdown(after(file, 2)) : fillPlain(after(file, 1), false);
      await navigator.clipboard.writeText(copied);
      say(form.dataset.copied);
    } catch {
      say(form.dataset.failed);
    }
  };

  const save = (blob, name) => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.dataset.plain = "";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  };

  const download = async (url, type) => {
    const name = decodeURIComponent(new URL(url).pathname.split("/").pop());
    say("");
    try {
      const response = await text(url);
      let blob;
      if (url.endsWith(".docx")) {
        const { fillWord } = await import("./docx.js");
        blob = await fillWord(new Uint8Array(await response.arrayBuffer()), fillText, type);
      } else {
        const file = (await response.text()).normalize("NFC"); // as the build names placeholders
        const body = url.endsWith(".md") ? fillMarkdown(file) : fillPlain(file);
        blob = new Blob([body], { type: `${type};charset=utf-8` });
      }
      save(blob, name);
      say(form.dataset.downloaded);
    } catch {
      // An old browser without compression streams, say: the built file, placeholders and all.
      const link = Object.assign(document.createElement("a"), { href: url, download: name });
      link.dataset.plain = "";
      document.body.append(link);
      link.click();
      link.remove();
      say(form.dataset.unfilled);
    }
  };

  form.hidden = false;
  form.parentElement.querySelector(".placeholder-list").hidden = true; // the form replaces the list
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (!event.target.dataset.placeholder) return;
    show(event.target);
    store();
  });
  for (const button of form.querySelectorAll(".fill-copy")) {
    button.addEventListener("click", () => copy(button.dataset.format));
  }
  form.querySelector(".fill-clear").addEventListener("click", () => {
    for (const input of inputs) {
      input.value = "";
      show(input);
    }
    store();
    say(form.dataset.cleared);
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]");
    const plainClick = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (!link || !plainClick || link.hasAttribute("data-plain") || !filled()) return;
    if (!downloads.has(link.href)) return;
    event.preventDefault();
    download(link.href, downloads.get(link.href));
  });

  const kept = stored();
  for (const input of inputs) {
    const value = kept[input.dataset.placeholder];
    if (!input.value && typeof value === "string") input.value = value;
    if (input.value) show(input); // stored, or kept by the browser when the reader came back
  }
}

const form = document.querySelector(".fill-form");
if (form) start(form);
