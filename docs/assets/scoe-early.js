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
    window.Worker = function (url, options) {
      var href = new URL(url, location.href).href;
      if (/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(href)) url = wrapper + "#" + encodeURIComponent(href);
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
    return index.test(url) && url.indexOf("/" + lang + "/search/") < 0
      ? url.replace(index, "/" + lang + "/search/search_index.json") : url;
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
