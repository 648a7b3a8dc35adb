// Click-to-load video: nothing is requested from the video host until the reader presses play.
// Without this script the page still links to the video on its host.
for (const figure of document.querySelectorAll(".video[data-embed]")) {
  const button = figure.querySelector(".video-play");
  const frame = figure.querySelector(".video-frame");
  button.hidden = false;
  button.addEventListener("click", () => {
    const player = document.createElement("iframe");
    player.src = `${figure.dataset.embed}${figure.dataset.embed.includes("?") ? "&" : "?"}autoplay=1`;
    player.title = figure.dataset.title;
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.referrerPolicy = "strict-origin-when-cross-origin";
    frame.append(player);
    frame.hidden = false;
    button.parentElement.hidden = true;
    player.focus();
  });
}
