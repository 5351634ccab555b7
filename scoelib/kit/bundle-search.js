/* Search of the offline bundle (scoelib/kit/bundle.py): works from file://, with no server and no worker.
   The index is window.SCOE_SEARCH, loaded before this file by <script src="search-<lang>.js">: entries
   [title, url from the bundle's root, text]. Results go into Material's search dialog (its markup, not its
   code: Material's search is switched off in a bundle). Every word typed must appear; accents and case are
   ignored; titles weigh more than text. */
(function () {
  "use strict";
  var data = window.SCOE_SEARCH;
  var script = document.currentScript;
  var box = document.querySelector("[data-scoe-bundle-search]");
  if (!data || !script || !box) return;
  var base = script.src.replace(/assets\/bundle\/search\.js(\?.*)?$/, "");
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  if (!input || !meta || !list) return;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var docs = data.docs.map(function (d) { return { title: d[0], url: d[1], text: d[2], key: fold(d[0]), body: fold(d[2]) }; });
  meta.textContent = "";

  function snippet(doc, word) {
    var at = doc.body.indexOf(word);
    var start = Math.max(0, at - 60);
    var text = doc.text.slice(start, start + 220);
    return (start > 0 ? "… " : "") + text + (start + 220 < doc.text.length ? " …" : "");
  }

  function search(query) {
    var words = fold(query).split(/[\s,;:!?'’"()\[\]]+/).filter(function (w) { return w.length > 0; });
    if (!words.length) return [];
    var found = [];
    docs.forEach(function (doc) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var inTitle = doc.key.indexOf(words[i]) >= 0, inText = doc.body.indexOf(words[i]) >= 0;
        if (!inTitle && !inText) return;
        score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
      }
      found.push({ doc: doc, score: score });
    });
    found.sort(function (a, b) { return b.score - a.score; });
    return found.map(function (f) { return f.doc; });
  }

  function show() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { meta.textContent = ""; return; }
    var results = search(query);
    meta.textContent = results.length ? data.strings.results.replace("#", String(results.length)) : data.strings.none;
    var first = fold(query).split(/\s+/)[0];
    results.slice(0, 50).forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = base + doc.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = doc.title;
      var text = document.createElement("p");
      text.textContent = snippet(doc, first);
      article.appendChild(title);
      article.appendChild(text);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function open() { if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } }
  input.addEventListener("focus", open);
  input.addEventListener("input", function () { open(); show(); });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape" && toggle) { toggle.checked = false; input.blur(); } });
  input.form && input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked && document.activeElement !== input) input.focus(); });
  list.addEventListener("click", function () { if (toggle) toggle.checked = false; });
  // index.html?q=words opens the page with the search done (a link, a bookmark, a shortcut)
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; open(); show(); }
})();
