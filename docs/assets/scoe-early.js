/* Search per language. Material loads its index from "<site root>/search/search_index.json" on every
   page; the build writes one index per language (/search/ English, /fr/search/ French, each with its
   own stemmer). On a page whose <html lang> is not English, point that one request at the page
   language's index. Loaded in <head>, before Material's bundle. */
(function () {
  "use strict";
  var lang = document.documentElement.getAttribute("lang") || "en";
  if (lang === "en" || !window.fetch) return;
  var original = window.fetch;
  var index = /\/search\/search_index\.json(?=$|[?#])/;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    if (url && index.test(url) && url.indexOf("/" + lang + "/search/") < 0) {
      input = url.replace(index, "/" + lang + "/search/search_index.json");
    }
    return original.call(this, input, init);
  };
})();
