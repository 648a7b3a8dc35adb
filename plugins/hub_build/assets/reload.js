// Live reload for `make devserver`, which serves this file at /__hub__/reload.js and adds it to every
// HTML page. The devserver sends one "build" event when the stream opens and one after each build; the
// page reloads when a build has finished since it was loaded (the event's data changed). A same-origin
// module and an EventSource: the devserver's policy names this file in script-src; connect-src 'self'.
const events = new EventSource("/__hub__/events");
let loaded = null;

events.addEventListener("build", (event) => {
  if (loaded === null) {
    loaded = event.data;
  } else if (event.data !== loaded) {
    events.close();
    window.location.reload();
  }
});
