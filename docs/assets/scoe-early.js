/* Search per language. Material loads its index from "<site root>/search/search_index.json" on every
   page; the build writes one index per language (/search/ for the default language, /<lang>/search/ for
   each other one, each with its own stemmer). On a page in another language than the default, point that
   one request at the page language's index. Loaded in <head>, before Material's bundle, after the page's
   strings (#scoe-strings, written by the build: the page's language and the default one). */
(function () {
  "use strict";
  /* Material's search worker runs inside scoe-search-worker.js, which stems the query words. */
  var here = document.currentScript && document.currentScript.src;
  var NativeWorker = window.Worker;
  if (here && NativeWorker) {
    var wrapper = new URL("scoe-search-worker.js", here).href;
    /* Written for Material 9.8.2 (scoelib/mkdocs_plugin/compat/material_search.py): its worker is
       assets/javascripts/workers/search.<hash>.min.js. Any other worker is a sign that Material changed:
       <html data-scoe-search-worker> says which case happened, and an error says so in the console. */
    window.Worker = function (url, options) {
      var href = new URL(url, location.href).href;
      var root = document.documentElement;
      if (/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(href)) {
        url = wrapper + "#" + encodeURIComponent(href);
        root.setAttribute("data-scoe-search-worker", "wrapped");
      } else {
        root.setAttribute("data-scoe-search-worker", "unknown");
        console.error("scoe-early.js: a worker that is not Material 9.8.2's search worker (" + href + "): search is not stemmed");
      }
      return new NativeWorker(url, options);
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  var data = document.getElementById("scoe-strings");
  var page = data ? JSON.parse(data.textContent) : {};
  var lang = page.lang;
  if (!lang || lang === page.default_lang) return;
  var index = /\/search\/search_index\.json(?=$|[?#])/;
  function localised(url) {
    if (!index.test(url) || url.indexOf("/" + lang + "/search/") >= 0) return url;
    document.documentElement.setAttribute("data-scoe-search-index", lang);  /* the request was seen and redirected */
    return url.replace(index, "/" + lang + "/search/search_index.json");
  }
  /* Material 9.8 loads the index with XMLHttpRequest; fetch is covered too, should a later version use it. */
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (url != null) args[1] = localised(String(url));
    return open.apply(this, args);
  };
  if (!window.fetch) return;
  var original = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    if (url) input = localised(url);
    return original.call(this, input, init);
  };
})();
