/* Ketenmonitor toolbar: "Link kopiëren" copies the current address (the page state lives in
   the query string) and answers in the toolbar's aria-live region. A file in assets/ rather
   than an inline clientside callback, so a strict Content-Security-Policy can stay strict. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.ketenmonitor = Object.assign({}, window.dash_clientside.ketenmonitor, {
    kopieerLink: function (nKlikken) {
        if (!nKlikken) {
            return window.dash_clientside.no_update;
        }
        var link = window.location.href;
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(link).then(
                function () { return "Link gekopieerd: " + link; },
                function () { return "Kopiëren lukte niet; kopieer deze link zelf: " + link; }
            );
        }
        return "Kopiëren kan hier niet automatisch; kopieer deze link zelf: " + link;
    }
});
