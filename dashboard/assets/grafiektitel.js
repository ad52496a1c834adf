/* On a narrow screen (phone) a long Plotly title cannot wrap and is cut off at the edge.
   There the title and subtitle are shown as ordinary text above the chart (which wraps), and
   the title inside the chart is emptied, with a small top margin. On a wide screen the chart
   keeps its own title. Only the screen copy changes: exports are built on the server from
   the page state and keep their full title. A file in assets/ (not inline) for the CSP. */
(function () {
    var SMAL = window.matchMedia("(max-width: 700px)");

    function platteTekst(html) {
        var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
        return (doc.body.textContent || "").trim();
    }

    function titelDelen(tekst) {
        var delen = String(tekst || "").split(/<br\s*\/?>/i);
        return { titel: platteTekst(delen[0]), onder: platteTekst(delen.slice(1).join(" ")) };
    }

    function titelVak(gd) {
        var vlak = gd.closest(".grafiekvlak");
        return vlak ? vlak.querySelector(".grafiektitel-smal") : null;
    }

    function schrijf(vak, delen) {
        if (!vak) { return; }
        vak.textContent = "";
        if (!delen) { return; }
        var t = document.createElement("p");
        t.className = "titel";
        t.textContent = delen.titel;
        vak.appendChild(t);
        if (delen.onder) {
            var o = document.createElement("p");
            o.className = "ondertitel";
            o.textContent = delen.onder;
            vak.appendChild(o);
        }
    }

    function pas(gd) {
        var layout = gd.layout;
        if (!layout || !window.Plotly) { return; }
        var titel = layout.title && layout.title.text;
        if (SMAL.matches) {
            if (titel) {  // a fresh figure from the server: move its title out
                gd._kmTitel = titel;
                gd._kmMargeBoven = (layout.margin && layout.margin.t) || 80;
                schrijf(titelVak(gd), titelDelen(titel));
                window.Plotly.relayout(gd, { "title.text": "", "margin.t": 12 });
            }
        } else if (!titel && gd._kmTitel) {  // back to a wide screen: the chart's own title
            var terug = { "title.text": gd._kmTitel, "margin.t": gd._kmMargeBoven };
            gd._kmTitel = null;
            schrijf(titelVak(gd), null);
            window.Plotly.relayout(gd, terug);
        }
    }

    function koppel() {
        document.querySelectorAll(".grafiekvlak .js-plotly-plot").forEach(function (gd) {
            if (!gd._kmGekoppeld && gd.on) {
                gd._kmGekoppeld = true;
                gd.on("plotly_afterplot", function () { pas(gd); });
            }
            pas(gd);
        });
    }

    new MutationObserver(koppel).observe(document.documentElement, { childList: true, subtree: true });
    SMAL.addEventListener("change", koppel);
})();
