// veilleur — the only script of the page: the upload form posts JSON to the write endpoint.
// Responses are shown with textContent only: nothing from the server or the article becomes markup.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const status = document.getElementById("upload-status");
  const list = document.getElementById("upload-result");

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  form.addEventListener("submit", async function (ev) {
    ev.preventDefault();
    const val = (id) => document.getElementById(id).value.trim();
    const body = { text: document.getElementById("up-text").value };
    for (const [key, id] of [["date", "up-date"], ["title", "up-title"], ["source", "up-source"]]) {
      if (val(id)) body[key] = val(id);
    }
    list.replaceChildren();
    status.textContent = "Extraction en cours…";
    document.getElementById("up-submit").disabled = true;
    try {
      const resp = await fetch("/api/documents", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-API-Key": val("up-key") },
        body: JSON.stringify(body),
      });
      const data = await resp.json().catch(() => ({ detail: "réponse illisible" }));
      if (!resp.ok) {
        status.textContent = "Erreur " + resp.status + " : " + (data.detail || "");
        return;
      }
      const n = data.events.length;
      status.textContent = "Enregistré : " + n + " événement" + (n === 1 ? "" : "s") + ".";
      for (const d of data.documents) {
        const li = document.createElement("li");
        li.append("Document " + d.id + " (" + d.status + ") — ", link(d.evidence_url, "voir la preuve"));
        list.append(li);
      }
      for (const e of data.events) {
        const li = document.createElement("li");
        li.className = "upload-event";
        const who = (xs) => xs.map((a) => a.code).join(", ") || "—";
        li.append(e.event_type + " " + who(e.actor) + " → " + who(e.recipient) + " (" + e.modality + ") ",
          link(e.evidence_url, "preuve"));
        list.append(li);
      }
    } catch (err) {
      status.textContent = "Erreur réseau : " + err;
    } finally {
      document.getElementById("up-submit").disabled = false;
    }
  });
})();
