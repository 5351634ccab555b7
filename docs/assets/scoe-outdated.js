/* The "not the latest version" banner (overrides/main.html, mike deployments only) links to the same page in
   the latest version. When that page is not there (removed or renamed since), go to the latest version's home
   in the reader's language instead of a 404. Same-origin HEAD request only; loads nothing from outside. */
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-scoe-latest-home]") : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  var target = link.href + location.hash;
  var home = new URL(link.getAttribute("data-scoe-latest-home"), location.href).href;
  fetch(link.href, { method: "HEAD", credentials: "same-origin", cache: "no-cache" }).then(
    function (response) { location.assign(response.ok ? target : home); },
    function () { location.assign(target); }
  );
});
