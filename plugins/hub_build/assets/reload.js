// Live reload for `make devserver`, which serves this file at /__hub__/reload.js and adds it to every
// HTML page. The devserver sends one "build" event when the stream opens and one after each build (or
// each page it rendered at once); the page reloads when one has finished since it was loaded (the
// event's data changed). A "search" event says whether the search index has caught up with the last
// save: while it has not, a note says so at the bottom of the page (pages come before search). A
// same-origin module and an EventSource: the devserver's policy names this file in script-src;
// connect-src 'self'. The note is styled through the CSS object model, which the policy allows.
// The stream names the page, so that after a save the devserver renders the pages open first.
const events = new EventSource("/__hub__/events?page=" + encodeURIComponent(window.location.pathname));
let loaded = null;

events.addEventListener("build", (event) => {
  if (loaded === null) {
    loaded = event.data;
  } else if (event.data !== loaded) {
    events.close();
    window.location.reload();
  }
});

const NOTES = {
  updating: "Search is updating: results may not show your last save yet.",
  failed: "Search could not be updated: the terminal running the devserver says why.",
};

function searchNote() {
  let note = document.getElementById("hub-search-note");
  if (note === null) {
    note = document.createElement("p");
    note.id = "hub-search-note";
    note.setAttribute("role", "status");
    Object.assign(note.style, {
      position: "fixed", bottom: "0.5rem", left: "0.5rem", margin: "0", padding: "0.4rem 0.7rem",
      background: "#1d2733", color: "#ffffff", font: "14px/1.4 system-ui, sans-serif",
      borderRadius: "4px", zIndex: "2147483647",
    });
    document.body.append(note);
  }
  return note;
}

events.addEventListener("search", (event) => {
  const text = NOTES[event.data];
  const note = searchNote();
  note.textContent = text || "";
  note.hidden = !text;
});
