/* Ketenmonitor toolbar: "Link kopiëren" copies the current address (the page state lives in
   the query string) and answers in the toolbar's aria-live region. A file in assets/ rather
   than an inline clientside callback, so a strict Content-Security-Policy can stay strict. */
window.dash_clientside = window.dash_clientside || {};

/* The address with versie=<data version on screen> (from the button's data-versie), replacing
   any versie it had: a copied link names the data it showed. Other pairs stay as written. */
function metVersie(adres) {
    var knop = document.activeElement;
    var versie = knop && knop.getAttribute ? knop.getAttribute("data-versie") : null;
    if (!versie) {
        var eerste = document.querySelector("[data-versie]");
        versie = eerste ? eerste.getAttribute("data-versie") : null;
    }
    if (!versie || !/^[0-9a-f]{6,64}$/.test(versie)) {
        return adres;
    }
    var hekje = adres.indexOf("#");
    var anker = hekje >= 0 ? adres.slice(hekje) : "";
    var zonder = hekje >= 0 ? adres.slice(0, hekje) : adres;
    var vraag = zonder.indexOf("?");
    var basis = vraag >= 0 ? zonder.slice(0, vraag) : zonder;
    var paren = vraag >= 0 ? zonder.slice(vraag + 1).split("&") : [];
    paren = paren.filter(function (p) { return p !== "" && p.split("=")[0] !== "versie"; });
    paren.push("versie=" + versie);
    return basis + "?" + paren.join("&") + anker;
}
window.dash_clientside.ketenmonitor = Object.assign({}, window.dash_clientside.ketenmonitor, {
    kopieerLink: function (nKlikken) {
        if (!nKlikken) {
            return window.dash_clientside.no_update;
        }
        var link = metVersie(window.location.href);
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(link).then(
                function () { return "Link gekopieerd: " + link; },
                function () { return "Kopiëren lukte niet; kopieer deze link zelf: " + link; }
            );
        }
        return "Kopiëren kan hier niet automatisch; kopieer deze link zelf: " + link;
    }
});
