// "Nieuw dorp": shows the suggested address while the name is typed; the server makes the
// same one. A file of its own, not inline, so the admin's Content-Security-Policy can
// refuse inline scripts. The template names the fields on the <script> element and puts
// the build's slug letters (sitegen.content.ASCII_LETTERS) and the address pattern in
// json_script blocks.
(function () {
    var script = document.currentScript;
    var title = document.getElementById(script.dataset.title);
    var url = document.getElementById(script.dataset.url);
    if (!title || !url || !String.prototype.normalize) { return; }
    var letters = JSON.parse(document.getElementById("slug-letters").textContent);
    var pattern = JSON.parse(document.getElementById("village-url-pattern").textContent);
    function suggest() {
        var slug = Array.from(title.value, function (c) {
                return letters[c] || c; }).join("")
            .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
            .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
        url.placeholder = slug ? pattern.replace("{slug}", slug) : "";
    }
    title.addEventListener("input", suggest);
    suggest();
})();
