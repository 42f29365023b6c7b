/* kvalitet: granskningen i formuläret, bara på kvalitet server (lokalt finns ingen /granska/).
   Läget, knapparna personen får trycka (servern säger vilka: mojliga), kommentarerna bredvid
   sitt fält (fältets data-sokvag) med svar och "Lös", och en ny kommentar till fältet man senast
   stod i. Alla ord om handlingarna kommer från servern; skrivningar är POST med sessionens token. */
import { el, skicka } from "./dom.js";

const topp = document.querySelector("header.topp[data-enhet]");
const enhet = topp ? topp.getAttribute("data-enhet") : null;
const bas = "/granska/" + encodeURIComponent(enhet || "");
let senasteFalt = null;
let lage = null;

function stor(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function vem(p) {
  return (p && (p.namn || p.epost)) || "okänd";
}

function visaFel(text) {
  const f = document.getElementById("granskningsfel");
  f.textContent = text || "";
  f.hidden = !text;
}

async function gor(vad, kropp) {
  const s = await skicka(bas + "/" + vad, kropp);
  if (!s.ok) {
    visaFel(s.data.fel);
    return false;
  }
  visaFel("");
  visa(s.data);
  return true;
}

function kommentarruta(k) {
  const svar = (k.svar || []).map((s) => el("li", {}, vem(s.av) + ": " + s.text));
  const text = el("textarea", { "aria-label": "Svar på kommentar " + k.nummer, rows: "2" });
  const knappar = lage.far_kommentera ? [
    el("button", { type: "button", class: "svara", on: { click: () => gor("svara", { nummer: k.nummer, text: text.value }) } }, "Svara"),
    k.lost ? null : el("button", { type: "button", class: "los", on: { click: () => gor("los", { nummer: k.nummer }) } }, "Lös"),
  ] : [];
  return el("aside", { class: "kommentar" + (k.lost ? " lost" : ""), "data-nummer": String(k.nummer), role: "note" },
    el("p", {}, el("strong", {}, "Kommentar " + k.nummer + (k.lost ? " (löst)" : "") + ", " + vem(k.av) + ": "), k.text),
    svar.length ? el("ul", {}, svar) : null,
    lage.far_kommentera ? text : null, ...knappar);
}

function faltFor(sokvag) {
  for (let n = sokvag.length; n > 0; n--) {
    const nyckel = JSON.stringify(sokvag.slice(0, n));
    const f = Array.from(document.querySelectorAll(".falt[data-sokvag]")).find((e) => e.getAttribute("data-sokvag") === nyckel);
    if (f) return f;
  }
  return null;
}

function placeraKommentarer() {
  document.querySelectorAll("#formular aside.kommentar").forEach((e) => e.remove());
  const lista = document.getElementById("kommentarlista");
  lista.replaceChildren();
  if (!lage) return;
  for (const k of lage.kommentarer) {
    const falt = faltFor(k.sokvag);
    if (falt) falt.appendChild(kommentarruta(k));
    else lista.appendChild(kommentarruta(k));
  }
}

function visa(data) {
  lage = data;
  document.getElementById("granskningslage").textContent = data.lage;
  const knappar = document.getElementById("granskningsknappar");
  knappar.replaceChildren(...data.mojliga.map((h) => el("button", {
    type: "button", "data-handling": h,
    on: { click: () => gor("handling", { handling: h, varfor: document.getElementById("varfor").value }) },
  }, stor(h))));
  document.getElementById("ny-kommentar").hidden = !data.far_kommentera;
  const senaste = data.handelser.length ? data.handelser[data.handelser.length - 1] : null;
  document.getElementById("granskningshistorik").textContent = senaste
    ? "Senast: " + senaste.handling + " av " + vem(senaste.av) + (senaste.varfor ? " (" + senaste.varfor + ")" : "")
    : "";
  placeraKommentarer();
}

function panel() {
  const text = el("textarea", { id: "kommentartext", rows: "2" });
  const ny = el("div", { id: "ny-kommentar", hidden: true },
    el("label", { for: "kommentartext" }, "Ny kommentar till fältet du senast stod i"), text,
    el("button", { type: "button", id: "kommentera", on: { click: () => {
      const sokvag = senasteFalt ? JSON.parse(senasteFalt.getAttribute("data-sokvag")) : [];
      gor("kommentera", { sokvag, text: text.value }).then((ok) => { if (ok) text.value = ""; });
    } } }, "Kommentera"));
  return el("section", { id: "granskning", class: "info", "aria-labelledby": "granskningsrubrik" },
    el("h2", { id: "granskningsrubrik" }, "Granskning"),
    el("p", {}, "Läge: ", el("strong", { id: "granskningslage" }, "…")),
    el("p", { id: "granskningshistorik" }),
    el("div", { id: "granskningsknappar", role: "group", "aria-label": "Granskningens handlingar" }),
    el("p", {}, el("label", { for: "varfor" }, "Motivering (krävs för skicka tillbaka och öppna igen)"),
      el("textarea", { id: "varfor", rows: "2" })),
    el("div", { id: "granskningsfel", class: "fel", role: "alert", hidden: true }),
    ny, el("div", { id: "kommentarlista" }));
}

async function starta() {
  if (!enhet) return;
  let s;
  try {
    s = await fetch(bas, { credentials: "same-origin" });
  } catch {
    return;
  }
  if (!s.ok) return;
  document.body.classList.add("granskas");
  topp.appendChild(panel());
  document.addEventListener("focusin", (h) => {
    const f = h.target.closest && h.target.closest(".falt[data-sokvag]");
    if (f) senasteFalt = f;
  });
  const form = document.getElementById("formular");
  let vantar = false;
  new MutationObserver(() => {  // the form is redrawn: the comments go back beside their field
    if (vantar || !lage) return;
    vantar = true;
    requestAnimationFrame(() => { vantar = false; if (!form.querySelector("aside.kommentar") && lage.kommentarer.length) placeraKommentarer(); });
  }).observe(form, { childList: true });
  visa(await s.json());
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", starta);
else starta();
