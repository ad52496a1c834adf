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
                gd._kmTekstPogingen = 0;
                var koppen = (layout.annotations || []).some(function (a) { return a.y >= 0.99; });
                window.Plotly.relayout(gd, { "title.text": "", "margin.t": koppen ? 40 : 12 });
                return;
            }
            pasTekst(gd);
        } else if (!titel && gd._kmTitel) {  // back to a wide screen: the chart's own title
            var terug = { "title.text": gd._kmTitel, "margin.t": gd._kmMargeBoven };
            gd._kmTitel = null;
            schrijf(titelVak(gd), null);
            window.Plotly.relayout(gd, terug);
        }
    }

    function ingekort(tekst, max) {  // "<b>a, b, c</b> (unit)": shorten the names, keep the unit
        var m = String(tekst).match(/^<b>(.*)<\/b>(.*)$/);
        var namen = platteTekst(m ? m[1] : tekst), rest = m ? " " + platteTekst(m[2]) : "";
        var ruimte = Math.max(8, max - rest.length - 2);
        if (namen.length > ruimte) { namen = namen.slice(0, ruimte).replace(/[ ,]+\S*$/, "") + " …"; }
        var veilig = function (t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;"); };
        return m ? "<b>" + veilig(namen) + "</b>" + veilig(rest) : veilig(namen);
    }

    function omgebroken(tekst, max) {  // break a plain label at spaces into lines of <= max
        var regels = [], huidig = "";
        String(tekst).split(" ").forEach(function (woord) {
            if (huidig && (huidig + " " + woord).length > max) { regels.push(huidig); huidig = woord; }
            else { huidig = huidig ? huidig + " " + woord : woord; }
        });
        regels.push(huidig);
        return regels.join("<br>");
    }

    /* Text that Plotly cannot wrap (panel headings, trend-break labels, bar values) would run
       off a phone screen: a panel heading keeps one line (the legend names every series), a
       trend-break label keeps its year (the notice above the chart names the series), and
       bars get room for their values. */
    function pasTekst(gd) {
        var layout = gd.layout, breedte = gd.clientWidth;
        if (!breedte || (gd._kmTekstPogingen || 0) >= 6) { return; }
        var max = Math.max(16, Math.floor((breedte - 30) / 8)), wijziging = {};
        (layout.annotations || []).forEach(function (a, i) {  // panel headings: one line
            if (a.text && platteTekst(a.text).length > max) {
                wijziging["annotations[" + i + "].text"] = ingekort(a.text, max);
            }
        });
        (layout.shapes || []).forEach(function (s, i) {  // "trendbreuk 2021: <series>" -> year
            var label = s.label && s.label.text;
            if (label && label.indexOf(":") > 0) {
                // level, at the top of the plot area (figures._breuklijn): upright along the
                // line its foot reached the year labels
                wijziging["shapes[" + i + "].label.text"] = label.split(":")[0];
            }
        });
        Object.keys(layout).forEach(function (sleutel) {  // years upright, every 2nd or 3rd one
            var as = layout[sleutel];
            if (!/^xaxis\d*$/.test(sleutel) || !as || as.dtick !== 1 || !as.range) { return; }
            var stap = Math.ceil((as.range[1] - as.range[0]) * 36 / Math.max(breedte - 90, 100));
            if (stap > 1) {
                wijziging[sleutel + ".dtick"] = stap;
                wijziging[sleutel + ".tickangle"] = 0;
            }
        });
        var maxLabel = Math.max(12, Math.floor(breedte * 0.4 / 7));
        (gd.data || []).forEach(function (spoor, i) {  // long category labels of horizontal bars
            if (spoor.type !== "bar" || spoor.orientation !== "h" || !spoor.y) { return; }
            var lang = spoor.y.some(function (y) { return String(y).indexOf("<br>") < 0 && String(y).length > maxLabel; });
            if (lang) {
                gd._kmTekstPogingen = (gd._kmTekstPogingen || 0) + 1;
                window.Plotly.restyle(gd, { y: [spoor.y.map(function (y) { return omgebroken(y, maxLabel); })] }, [i]);
            }
        });
        var maxLegenda = Math.max(16, Math.floor((breedte - 70) / 7));
        var namen = (gd.data || []).map(function (spoor) {  // legend entries do not wrap either
            var naam = spoor.name;
            return naam && naam.indexOf("<br>") < 0 && naam.length > maxLegenda ? omgebroken(naam, maxLegenda) : null;
        });
        var teWijzigen = namen.map(function (n, i) { return n ? i : -1; }).filter(function (i) { return i >= 0; });
        if (teWijzigen.length) {
            gd._kmTekstPogingen = (gd._kmTekstPogingen || 0) + 1;
            window.Plotly.restyle(gd, { name: teWijzigen.map(function (i) { return namen[i]; }) }, teWijzigen);
        } else {
            legendaOnderAs(gd, layout, wijziging);
        }
        var rand = gd.getBoundingClientRect().right, uitsteek = 0;
        gd.querySelectorAll(".bartext").forEach(function (t) {
            uitsteek = Math.max(uitsteek, t.getBoundingClientRect().right - rand + 4);
        });
        if (uitsteek > 0) {
            var as = layout.xaxis;
            if (gd.querySelector(".bartext") && as && as.range && as.type !== "date") {
                var plot = gd.querySelector(".nsewdrag");
                var plotBreedte = plot ? plot.getBoundingClientRect().width : breedte;
                wijziging["xaxis.range"] = [as.range[0], as.range[1] * (1 + 2 * uitsteek / plotBreedte)];
            }
        }
        if (Object.keys(wijziging).length) {
            gd._kmTekstPogingen = (gd._kmTekstPogingen || 0) + 1;
            window.Plotly.relayout(gd, wijziging);
        }
    }

    /* The legend under the x-axis (theme.plaats_onderkant) is placed as a fraction of the plot
       height computed for a wide screen. On a phone the wrapped legend is taller, Plotly widens
       the bottom margin and the plot gets lower, so that fraction lands on the year labels and
       a long legend runs out of the chart. Keep the legend 42 px under the axis, and make the
       chart taller by what the legend still needs. */
    function legendaOnderAs(gd, layout, wijziging) {
        var grootte = gd._fullLayout && gd._fullLayout._size, legenda = gd.querySelector("g.legend");
        if (!grootte || !grootte.h || !legenda || !layout.legend || layout.legend.yanchor !== "top") { return; }
        var nu = -(layout.legend.y || 0) * grootte.h;  // px under the axis now
        var over = legenda.getBoundingClientRect().bottom - gd.getBoundingClientRect().bottom + 6 + (42 - nu);
        var groei = over > 1 ? Math.ceil(over) : 0;  // the plot gets this much higher (margins stay)
        var y = -42 / (grootte.h + groei);
        if (Math.abs((layout.legend.y || 0) - y) > 0.002) { wijziging["legend.y"] = y; }
        if (groei) { wijziging.height = Math.ceil((layout.height || gd.clientHeight) + groei); }
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
