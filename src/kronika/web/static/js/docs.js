// Starts the bundled Swagger UI on our OpenAPI schema (a static file, so the page needs no inline script).
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({ url: node.dataset.spec, dom_id: "#swagger-ui", deepLinking: true });
})();
