/* Library behaviour: copy-citation buttons and dismissible glossary tooltips. No outside resource. */
(function () {
  "use strict";
  /* The page's strings, written by the build from the catalogue (overrides/main.html, scoelib/locales/). */
  var data = document.getElementById("scoe-strings");
  var strings = data ? JSON.parse(data.textContent) : {};
  var live = document.createElement("div");
  live.className = "scoe-live";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  document.body.appendChild(live);

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".scoe-cite");
    if (!button) return;
    var text = button.getAttribute("data-cite");
    copy(text).then(function () {
      button.classList.add("scoe-cite--done");
      live.textContent = (strings.copied || "") + text;
      setTimeout(function () { button.classList.remove("scoe-cite--done"); }, 1500);
    });
  });

  /* Language selector: each link already names this page's counterpart (written by the build, relative, so
     it stays in a mike version). Material would replace it with a guess from sitemap.xml that compares
     ports too: on any host whose port differs from site_url's it sends the reader to the home page. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && !event.metaKey && !event.ctrlKey) event.stopPropagation();
  }, true);

  /* WCAG 1.4.13: a tooltip shown on hover or focus can be dismissed with Escape. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".scoe-term").forEach(function (term) { term.classList.add("scoe-term--dismissed"); });
  });
  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var term = event.target.closest && event.target.closest(".scoe-term");
      if (term && !term.contains(event.relatedTarget)) {
        term.classList.remove("scoe-term--dismissed");
        place(term);
      }
    });
  });

  /* A tooltip stays on screen: shifted left when the term is near the right edge (phones), and shown above
     the term when there is no room below. */
  function place(term) {
    var tip = term.querySelector(".scoe-tip");
    if (!tip) return;
    tip.style.left = "";
    term.classList.remove("scoe-term--above");
    var box = tip.getBoundingClientRect();
    if (!box.width) return;
    var margin = 8, width = document.documentElement.clientWidth;
    var shift = Math.min(Math.max(box.right - (width - margin), 0), Math.max(box.left - margin, 0));
    if (shift > 0) tip.style.left = -shift + "px";
    if (box.bottom > window.innerHeight - margin && box.height + 2 * margin < term.getBoundingClientRect().top) {
      term.classList.add("scoe-term--above");
    }
  }
})();
