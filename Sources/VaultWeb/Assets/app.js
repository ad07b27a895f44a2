// The workstation's only script: it locks the page when the card session ends, sends a record
// dropped or chosen on a patient's page, and filters the patient list by name. No framework.
"use strict";

(function () {
  const token = document.querySelector('meta[name="jeton"]').content;

  // Replaces everything on the page with the lock screen: nothing of the patient stays in the DOM.
  function lock() {
    const screen = document.getElementById("ecran-verrou");
    const content = screen ? screen.content.cloneNode(true) : document.createTextNode("");
    document.title = "Séance verrouillée";
    document.body.replaceChildren(content);
    document.body.removeAttribute("data-seance");
    document.body.setAttribute("data-verrou", "oui");
    history.replaceState(null, "", "/carte");
  }

  if (document.body.dataset.seance === "ouverte") {
    const events = new EventSource("/evenements");
    events.addEventListener("verrou", function () { events.close(); lock(); });
    events.onerror = function () { events.close(); lock(); };
    // A page brought back from the history (back button) asks the server again.
    window.addEventListener("pageshow", function (event) { if (event.persisted) { location.reload(); } });
  }

  const drop = document.getElementById("depot");
  if (drop) {
    const picker = document.getElementById("fichier");
    const state = document.getElementById("etat-envoi");
    function send(file) {
      if (!file) { return; }
      state.textContent = state.dataset.envoi;
      fetch(drop.dataset.cible, {
        method: "POST",
        headers: { "X-Jeton": token, "Content-Type": file.type || "application/octet-stream" },
        body: file,
        credentials: "same-origin",
      }).then(function (response) {
        return response.text().then(function (text) {
          if (response.ok) { location.assign(drop.dataset.retour); return; }
          const page = new DOMParser().parseFromString(text, "text/html");
          const message = page.querySelector("#message p");
          state.textContent = message ? message.textContent : String(response.status);
        });
      }).catch(function () { state.textContent = "Erreur réseau."; });
    }
    document.getElementById("envoyer").addEventListener("click", function () { send(picker.files[0]); });
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("survol"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("survol"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("survol");
      send(event.dataTransfer.files[0]);
    });
  }

  const filter = document.getElementById("filtre-nom");
  if (filter) {
    filter.addEventListener("input", function () {
      const wanted = filter.value.trim().toLowerCase();
      document.querySelectorAll("#patients tr.patient").forEach(function (row) {
        row.hidden = wanted !== "" && !row.textContent.toLowerCase().includes(wanted);
      });
    });
  }
})();
