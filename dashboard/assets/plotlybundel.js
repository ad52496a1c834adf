/* Charts draw with plotly.js's cartesian bundle (assets/plotly/LEESMIJ.md): scatter, bar and
   heatmap are all this app draws, and the bundle is a third of the full one. dcc.Graph loads
   plotly.js on its first chart from window._dashPlotlyJSURL, which Dash's renderer sets to the
   full bundle when it mounts; this runs first and keeps the address on the cartesian bundle.
   Only pages with a chart load it, as before. */
(function () {
    var config = document.getElementById("_dash-config");
    var voorvoegsel = "/";
    try {
        voorvoegsel = JSON.parse(config.textContent).requests_pathname_prefix || "/";
    } catch (e) { /* no config: the app is served at the root */ }
    var url = voorvoegsel + "assets/plotly/plotly-cartesian-4.1.1.min.js";
    Object.defineProperty(window, "_dashPlotlyJSURL", {
        configurable: true,
        get: function () { return url; },
        set: function () { /* the renderer's full-bundle address is not used */ }
    });
})();
