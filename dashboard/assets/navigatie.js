/* Marks the menu link of the current page with aria-current="page" (WCAG 2.4.8 / 1.3.1):
   a screen reader says "huidige pagina", and the CSS underlines it. Dash's pages router
   changes the page without a reload, so this runs on every pathname change, from a file
   (not inline) to keep the Content-Security-Policy strict. */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.ketenmonitor = Object.assign({}, window.dash_clientside.ketenmonitor, {
    markeerPagina: function (pad) {
        var huidig = pad || "/";
        document.querySelectorAll("nav.hoofdmenu a").forEach(function (a) {
            if (new URL(a.href, window.location.href).pathname === huidig) {
                a.setAttribute("aria-current", "page");
            } else {
                a.removeAttribute("aria-current");
            }
        });
        return huidig;
    }
});
