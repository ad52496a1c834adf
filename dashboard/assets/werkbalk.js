/* Ketenmonitor toolbar: "Link kopiëren" copies the current address (the page state lives in
   the query string) and answers in the toolbar's aria-live region. A file in assets/ rather
   than an inline clientside callback, so a strict Content-Security-Policy can stay strict. */
window.dash_clientside = window.dash_clientside || {};

/* The address with versie=<data version on screen> (from the button's data-versie), replacing
   any versie it had: a copied link names the data it showed. Other pairs stay as written. */
function metVersie(adres, element) {
    var knop = element || document.activeElement;
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

/* The citation line under each chart ends in this view's address; the page's address changes
   with every choice, so the link is written here, whenever the page changes. */
function vulCiteerlinks() {
    var links = document.querySelectorAll("a.citeerlink");
    for (var i = 0; i < links.length; i++) {
        var link = metVersie(window.location.href, links[i]);
        if (links[i].getAttribute("href") !== link) {
            links[i].setAttribute("href", link);
            links[i].textContent = link;
        }
    }
}

/* After a toolbar button is used, focus stays on (or returns to) that button: Dash disables
   it while the file is made, and a disabled button loses focus to <body>, so a keyboard user
   would start again from the top. The button is remembered on click and focused again as
   soon as it is enabled and the result line (role=status, aria-live=polite) has its text. */
var laatsteKnop = null;
var HERSTEL_MS = 30000; /* longer than any export takes; after that a lost focus is not ours */
var geklikt = 0;
document.addEventListener("click", function (e) {
    var knop = e.target && e.target.closest ? e.target.closest(".werkbalk-knop") : null;
    if (knop) {
        laatsteKnop = knop;
        geklikt = Date.now();
    }
}, true);
/* the user moved on (Tab, a click elsewhere): never pull focus back */
document.addEventListener("focusin", function (e) {
    if (laatsteKnop && e.target !== laatsteKnop && e.target !== document.body) {
        laatsteKnop = null;
    }
});

function herstelFocus() {
    if (!laatsteKnop || Date.now() - geklikt > HERSTEL_MS) {
        laatsteKnop = null;
        return;
    }
    if (laatsteKnop.disabled || !document.body.contains(laatsteKnop)) {
        return;
    }
    var actief = document.activeElement;
    if (!actief || actief === document.body || actief === document.documentElement) {
        laatsteKnop.focus();
    }
}

var gepland = false;
new MutationObserver(function () {
    if (gepland) {
        return;
    }
    gepland = true;
    window.requestAnimationFrame(function () {
        gepland = false;
        vulCiteerlinks();
        herstelFocus();
    });
}).observe(document.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ["disabled"]
});
window.addEventListener("popstate", vulCiteerlinks);
