// Fill in a model text's placeholders: each input of the "Adapt this text" form replaces every
// <mark class="placeholder"> of its name as the reader types, and the copy button puts the plain text
// (the .txt download) on the clipboard with the values substituted. Without this script the section
// lists the placeholders to replace and the form stays hidden. Which text is a placeholder, and its name,
// is decided once, by the build (plugins/hub_toolkit/sections.py): this script reads the marks and their
// data-placeholder names and never looks for brackets in the page itself.
const form = document.querySelector(".fill-form");
if (form) {
  const marks = document.querySelectorAll(".model-text mark.placeholder[data-placeholder]");
  const status = form.querySelector(".fill-status");
  const inputs = form.querySelectorAll("input[data-placeholder]");
  const values = new Map();
  const written = new Map([...marks].map((mark) => [mark, mark.textContent])); // as the text has it

  const fill = (input) => {
    const name = input.dataset.placeholder;
    const value = input.value.trim();
    values.set(name, value);
    for (const mark of marks) {
      if (mark.dataset.placeholder !== name) continue;
      mark.textContent = value || written.get(mark);
      mark.classList.toggle("filled", value !== "");
    }
  };

  const copy = async () => {
    status.textContent = "";
    try {
      const response = await fetch(form.dataset.text);
      if (!response.ok) throw new Error(`${response.status}`);
      const file = await response.text();
      // The file starts with its title and source lines; the model text follows the first blank line.
      // Names are composed (NFC), as the build writes them: an accent typed as its own character matches.
      let text = file.slice(file.indexOf("\n\n") + 2).normalize("NFC");
      for (const [name, value] of values) {
        if (value) text = text.replaceAll(`[${name}]`, () => value);
      }
      await navigator.clipboard.writeText(text);
      status.textContent = form.dataset.copied;
    } catch {
      status.textContent = form.dataset.failed;
    }
  };

  form.hidden = false;
  form.parentElement.querySelector(".placeholder-list").hidden = true; // the form replaces the list
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    if (event.target.dataset.placeholder) fill(event.target);
  });
  form.querySelector(".fill-copy").addEventListener("click", copy);
  for (const input of inputs) {
    if (input.value) fill(input); // values the browser kept when the reader came back to the page
  }
}
