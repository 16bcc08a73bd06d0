// The process diagram opens scrolled to the step the instance is at (webui/templates/instances/_diagram.html):
// on a phone the box shows a small part of a wide diagram, and that part should be the current one.
document.querySelectorAll(".diagram-box").forEach((box) => {
  const step = box.querySelector(".d-current:not(.d-subprocess), .d-timer, .d-waiting");
  if (!step) return;
  const at = step.getBoundingClientRect();
  const view = box.getBoundingClientRect();
  box.scrollLeft += at.left - view.left - (view.width - at.width) / 2;
  box.scrollTop += at.top - view.top - (view.height - at.height) / 2;
});
