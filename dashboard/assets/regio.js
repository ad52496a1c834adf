/* Regio map: the server sends the figure without coordinates (small responses); this adds
   them from the GeoJSON under assets/geo/, fetched once per page session (and cached by the
   browser), same origin only. A click on a region selects it, like its button in the table. */
window.dash_clientside = window.dash_clientside || {};
(function () {
    var vlakken = {};
    var gekozen = null;

    function maak(soort, klasse, tekst) {
        var el = document.createElement(soort);
        if (klasse) { el.className = klasse; }
        if (tekst !== undefined) { el.textContent = tekst; }
        return el;
    }

    function plat(tekst) {
        return tekst.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    }

    /* One listener for every region button in the table (capture phase: before Dash sees
       the click on the table). Hundreds of pattern-matching ids made Dash's renderer stall
       for ~50 s with 342 gemeenten; a data attribute costs nothing. Enter and Space on a
       button are clicks too, so the keyboard works the same. */
    document.addEventListener("click", function (e) {
        var knop = e.target && e.target.closest ? e.target.closest("button.regio-kies") : null;
        gekozen = knop ? knop.getAttribute("data-regio") : null;
    }, true);

    function laad(url) {
        if (!vlakken[url]) {
            vlakken[url] = fetch(url, {credentials: "same-origin"})
                .then(function (antwoord) {
                    if (!antwoord.ok) { throw new Error("kaart niet geladen"); }
                    return antwoord.json();
                })
                .then(function (geo) {
                    var uit = {};
                    geo.features.forEach(function (f) {
                        var g = f.geometry;
                        var polygonen = g.type === "MultiPolygon" ? g.coordinates : [g.coordinates];
                        var xs = [], ys = [];
                        polygonen.forEach(function (polygoon) {
                            polygoon.forEach(function (ring) {
                                if (xs.length) { xs.push(null); ys.push(null); }
                                ring.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); });
                            });
                        });
                        uit[f.properties.statcode] = [xs, ys];
                    });
                    return uit;
                })
                .catch(function (fout) { delete vlakken[url]; throw fout; });
        }
        return vlakken[url];
    }

    window.dash_clientside.ketenmonitor = Object.assign({}, window.dash_clientside.ketenmonitor, {
        regioKaart: function (figuur) {
            if (!figuur || !figuur.layout) {
                return window.dash_clientside.no_update;
            }
            return laad(figuur.layout.meta.geo).then(function (geo) {
                return {
                    data: figuur.data.map(function (spoor) {
                        if (!Array.isArray(spoor.meta)) { return spoor; }
                        var xs = [], ys = [];
                        spoor.meta.forEach(function (code) {
                            var vlak = geo[code];
                            if (!vlak) { return; }
                            if (xs.length) { xs.push(null); ys.push(null); }
                            xs = xs.concat(vlak[0]);
                            ys = ys.concat(vlak[1]);
                        });
                        return Object.assign({}, spoor, {x: xs.length ? xs : [null], y: ys.length ? ys : [null]});
                    }),
                    layout: figuur.layout
                };
            });
        },
        regioTabel: function (data, zoek) {
            var vak = document.getElementById("regio-tabel");
            if (!data || !vak) {
                return window.dash_clientside.no_update;
            }
            var filter = plat((zoek || "").trim());
            var rijen = data.rijen.filter(function (r) {
                return !filter || plat(r[2]).indexOf(filter) >= 0;
            });
            var tabel = maak("table", "tabel regio-tabel");
            tabel.appendChild(maak("caption", "", data.bijschrift));
            var kop = maak("tr");
            data.kop.forEach(function (k) {
                var th = maak("th", "", k);
                th.setAttribute("scope", "col");
                kop.appendChild(th);
            });
            tabel.appendChild(maak("thead")).appendChild(kop);
            var body = tabel.appendChild(maak("tbody"));
            rijen.forEach(function (r) {
                var tr = maak("tr");
                tr.appendChild(maak("td", "", String(r[0])));
                var th = maak("th");
                th.setAttribute("scope", "row");
                var knop = maak("button", "linkknop regio-kies", r[2]);
                knop.type = "button";
                knop.setAttribute("data-regio", r[1]);
                knop.setAttribute("aria-pressed", r[1] === data.gekozen ? "true" : "false");
                th.appendChild(knop);
                tr.appendChild(th);
                for (var i = 3; i < r.length; i++) {
                    tr.appendChild(maak("td", "", String(r[i])));
                }
                body.appendChild(tr);
            });
            vak.replaceChildren(tabel);
            // a wide table scrolls inside its box; the caption stays within the visible width
            tabel.querySelector("caption").style.maxWidth = Math.max(vak.clientWidth - 8, 200) + "px";
            return rijen.length + " van " + data.rijen.length + " regio's in de tabel" +
                (filter ? " met ‘" + zoek.trim() + "’." : ".");
        },
        regioTabelKlik: function () {
            return gekozen ? gekozen : window.dash_clientside.no_update;
        },
        regioKlik: function (klik) {
            if (!klik || !klik.points || !klik.points.length) {
                return window.dash_clientside.no_update;
            }
            var code = klik.points[0].customdata;
            return typeof code === "string" ? code : window.dash_clientside.no_update;
        }
    });
})();
