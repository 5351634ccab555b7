/* The reader's search, over the Pagefind index the build writes (pagefind/ at the site root, one index per
   language: the page's <html lang> chooses it, so results are in the page's language only, French words
   stemmed as French). Material's look: its search box (overrides/partials/search.html) and result markup.
   Pagefind fetches only the index chunks a query needs. Strings from the page's catalogue (#scoe-strings). */
(function () {
  "use strict";
  var box = document.querySelector("[data-scoe-search]");
  var script = document.currentScript;
  if (!box || !script) return;
  var root = new URL("../", script.src);               /* this file is <site root>/assets/scoe-search.js */
  var data = document.getElementById("scoe-strings");
  var strings = (data ? JSON.parse(data.textContent) : {}).search || {};
  var toggle = document.getElementById("__search");
  var input = box.querySelector("[data-scoe-search-query]");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  if (!input || !meta || !list) return;
  list.removeAttribute("role");
  var pagefind = null;
  var asked = 0;

  var bundle = new URL("pagefind/", root);
  var indexed = box.getAttribute("data-scoe-search") !== "none";  /* "none": the preview (make serve) writes no index */
  var none = Promise.reject(new Error("no search index"));        /* then every search says it is not available */
  none.catch(function () {});

  /* Pagefind loads its script, then its worker (where the searches run, so that typing never waits for them),
     then the entry file, then the language's metadata and WebAssembly: one after the other, a few round trips
     (see the warm-up below). A search asked for meanwhile waits in the worker. An empty search asks for no index
     chunk: it returns once the WebAssembly runs and the metadata is read, and the box is then marked ready
     (data-scoe-search-ready). */
  function load() {
    if (!indexed) return none;
    if (!pagefind) {
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: root.pathname, excerptLength: 24 }))
          .then(function () { return pf.init ? pf.init() : null; }).then(function () { return pf; });
      });
      pagefind.then(function (pf) { return pf.search(""); })
        .then(function () { box.setAttribute("data-scoe-search-ready", ""); }, function () {});
      pagefind.catch(function () { pagefind = null; });  /* a failed load is tried again at the next search */
    }
    return pagefind;
  }

  function count(n) {
    if (n === 0) return strings.results_none || "";
    if (n === 1) return strings.results_one || "1";
    return (strings.results_many || "{count}").replace("{count}", String(n));
  }

  /* Pagefind's excerpts are text with <mark> around the words found: keep the marks, escape the rest. */
  function marked(parent, excerpt) {
    excerpt.split(/(<mark>[^<]*<\/mark>)/).forEach(function (part) {
      var m = /^<mark>([^<]*)<\/mark>$/.exec(part);
      var text = (m ? m[1] : part).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
        .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      if (m) { var mark = document.createElement("mark"); mark.textContent = text; parent.appendChild(mark); }
      else if (text) parent.appendChild(document.createTextNode(text));
    });
  }

  function entry(url, title, excerpt, level) {
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var heading = document.createElement(level === 1 ? "h1" : "h2");
    heading.textContent = title;
    var text = document.createElement("p");
    marked(text, excerpt || "");
    article.appendChild(heading);
    article.appendChild(text);
    link.appendChild(article);
    return link;
  }

  function highlight(url, words) {
    if (!words.length) return url;
    var u = new URL(url, location.href);
    u.searchParams.set("h", words.join(" "));
    return u.pathname + u.search + u.hash;
  }

  var FIRST = 3;  /* results shown before the others are fetched */

  function fragments(results) { return Promise.all(results.map(function (r) { return r.data(); })); }

  function show(page, words) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var title = page.meta && page.meta.title || page.url;
    item.appendChild(entry(highlight(page.url, words), title, page.excerpt, 1));
    (page.sub_results || []).filter(function (s) { return s.url !== page.url && s.title !== title; }).slice(0, 3).forEach(function (s) {
      item.appendChild(entry(highlight(s.url, words), s.title, s.excerpt, 2));
    });
    list.appendChild(item);
  }

  function run() {
    var query = input.value.trim();
    var mine = ++asked;
    if (!query) { list.textContent = ""; meta.textContent = ""; return; }
    meta.textContent = strings.loading || "";
    load().then(function (pf) { return pf.search(query); }).then(function (search) {
      if (mine !== asked || !search) return null;
      /* the first results are shown as soon as their fragments arrive, the rest of the first ten after them;
         the count is written last, once all are there */
      var shown = search.results.slice(0, FIRST), more = search.results.slice(FIRST, 10);
      var words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return fragments(shown).then(function (pages) {
        if (mine !== asked) return null;
        list.textContent = "";
        pages.forEach(function (page) { show(page, words); });
        return fragments(more);
      }).then(function (pages) {
        if (mine !== asked || !pages) return;
        pages.forEach(function (page) { show(page, words); });
        meta.textContent = count(search.results.length);
      });
    }).catch(function () {
      if (mine === asked) { list.textContent = ""; meta.textContent = strings.unavailable || ""; }
    });
  }

  function open() { if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); } }
  function close() { if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); } }
  function links() { return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link")); }

  input.addEventListener("focus", function () { open(); load(); });
  /* the pointer on its way to the box (or a finger on it) starts loading too, if the warm-up below has not:
     a few hundred milliseconds before the first word */
  box.addEventListener("pointerenter", function () { load(); }, { once: true });
  box.addEventListener("touchstart", function () { load(); }, { once: true, passive: true });
  input.addEventListener("input", function () { open(); run(); });
  input.form && input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) location.href = first.href;
  });
  input.form && input.form.addEventListener("reset", function () { setTimeout(run, 0); });
  box.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") { close(); input.blur(); event.preventDefault(); }
    else if (event.key === "ArrowDown" && all.length) { all[Math.min(at + 1, all.length - 1)].focus(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && at >= 0) { (at === 0 ? input : all[at - 1]).focus(); event.preventDefault(); }
  });
  /* "/" or "s" anywhere outside a field opens the search, as Material's did */
  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") { open(); input.focus(); event.preventDefault(); }
  });

  /* A reader who reads, then searches, waits only for the search itself: a second after the page has loaded,
     when the browser is next idle, the engine is made ready (Pagefind's script and worker, the entry file, the
     language's metadata and WebAssembly: 168 KB, about 106 KB as a compressing server sends them, then only
     revalidated on the next pages); no index chunk or fragment, which come with the words typed. A reader
     who leaves the page within the second loads nothing; nor does one whose browser is asked to save data. */
  function warm() {
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 0); };
    setTimeout(function () { idle(function () { load().catch(function () {}); }, { timeout: 5000 }); }, 1000);
  }
  if (indexed && !(navigator.connection && navigator.connection.saveData)) {
    if (document.readyState === "complete") warm();
    else window.addEventListener("load", warm, { once: true });
  }

  /* a page opened from a result: mark the words searched for in the article (?h=words) */
  var h = new URLSearchParams(location.search).get("h");
  if (h) {
    load().then(function (pf) {
      return import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (mod) {
        var Highlight = mod.default || window.PagefindHighlight;
        if (Highlight) new Highlight({ highlightParam: "h", markContext: "article", addStyles: false });
      });
    }).catch(function () {});
  }
})();
