// "Link to this section": following a section's link also copies the section's permanent address (the
// page's address with the section's anchor) to the clipboard, says so to screen readers and shows
// "Copied" beside the link for a moment. Without this script (or a clipboard), the link still leads to
// the section, and its address is the one to copy.
const status = document.getElementById("toolkit-link-status");
if (status) {
  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("a.section-link");
    if (!link || !link.hash) return;
    const address = location.origin + location.pathname + link.hash;
    try {
      await navigator.clipboard.writeText(address);
    } catch {
      return;
    }
    status.textContent = status.dataset.copied.replace("{url}", address);
    link.dataset.copied = status.dataset.done;
    setTimeout(() => delete link.dataset.copied, 3000);
  });
}
