/* In-page links (the skip links "Naar de inhoud" and "Lijst overslaan: naar Weergave", the
   "Op deze pagina" menus) move focus to their target without a fragment navigation. A fragment
   navigation fires `popstate`; Dash's page router then reads the address afresh and, when a
   page wrote its state into the address without redrawing, draws the whole page again: the
   target is replaced and focus falls back to the top of the page (the skip link's first use
   sent a keyboard user back to the first tab stop). The fragment is still put in the address
   (replaceState fires no event), so a copied link lands on the same place. A file in assets/
   (not inline) for the CSP. */
(function () {
    document.addEventListener("click", function (e) {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
            return;
        }
        var a = e.target.closest && e.target.closest('a[href^="#"]');
        if (!a || a.getAttribute("href").length < 2) { return; }
        var doel = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
        if (!doel) { return; }
        e.preventDefault();
        if (!doel.hasAttribute("tabindex") && doel.tabIndex < 0) {
            doel.setAttribute("tabindex", "-1");  // a heading or section: focusable by script only
        }
        doel.focus();
        doel.scrollIntoView({ block: "start" });
        window.history.replaceState(window.history.state, "", "#" + doel.id);
    });
})();
