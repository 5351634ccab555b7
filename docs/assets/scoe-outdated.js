/* The "not the latest version" banner (overrides/main.html, mike deployments only) links to the same page in
   the latest version (data-scoe-latest-page: the reader's place, #fragment, kept), and on a publication's
   pages to what changed in it since this version. When the target is not there (a page removed or renamed
   since, a version the latest one has no changes page for), go to the first of the link's fallbacks
   (data-scoe-latest-fallback, space-separated: what changed in the publication since this version, then its
   change page) that is there, else to the latest version's home in the reader's language, instead of a 404.
   Same-origin HEAD requests only; loads nothing from outside. */
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-scoe-latest-home]") : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  var home = new URL(link.getAttribute("data-scoe-latest-home"), location.href).href;
  var tries = [link.href + (link.hasAttribute("data-scoe-latest-page") ? location.hash : "")];
  (link.getAttribute("data-scoe-latest-fallback") || "").split(/\s+/).forEach(function (path) {
    if (path) tries.push(new URL(path, location.href).href);
  });
  function next(i) {
    if (i >= tries.length) { location.assign(home); return; }
    fetch(tries[i], { method: "HEAD", credentials: "same-origin", cache: "no-cache" }).then(
      function (response) { if (response.ok) location.assign(tries[i]); else next(i + 1); },
      function () { location.assign(tries[i]); }
    );
  }
  next(0);
});
