/* The "Toon 2020" switch on Kenmerken and Capaciteit writes ?corona=1 and the page is drawn
   again from the URL (dashboard/onderdelen/coronaschakelaar.py). A keyboard user would lose focus in that
   redraw; this puts it back on the new switch. A file in assets/ (not inline) for the CSP. */
(function () {
    var SLEUTEL = "ketenmonitor-focus-na-schakelaar";
    document.addEventListener("change", function (e) {
        var doel = e.target;
        if (doel && doel.id && doel.closest(".coronaschakelaar")) {
            window.sessionStorage.setItem(SLEUTEL, JSON.stringify([doel.id, Date.now()]));
        }
    });
    new MutationObserver(function () {
        var bewaard = JSON.parse(window.sessionStorage.getItem(SLEUTEL) || "null");
        if (!bewaard) { return; }
        if (Date.now() - bewaard[1] > 10000) { window.sessionStorage.removeItem(SLEUTEL); return; }
        var id = bewaard[0];
        var el = document.getElementById(id);
        if (el && document.activeElement !== el && !el.closest("[data-dash-is-loading]")) {
            window.sessionStorage.removeItem(SLEUTEL);
            window.setTimeout(function () { el.focus(); }, 0);
        }
    }).observe(document.documentElement, { childList: true, subtree: true });
})();
