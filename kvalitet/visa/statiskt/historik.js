/* kvalitet: historik per text. En "Historik"-knapp vid varje avsnitt, styrtal, slutsats och
   utvecklingsområde och vid sammanfattningen (gruppens data-del, fältets data-sokvag; samma sökvägar som granskningens kommentarer) öppnar en
   dialog med ändringarna ur git (vem, när), en ordvis diff där borttaget är överstruket och inom
   [− … −] och tillagt understruket och inom [+ … +] (inte bara färg), och "Återställ" som går genom
   den vanliga sparningen (spara.js aterstallDel). Samma sida lokalt och på kvalitet server. */
import { el } from "./dom.js";
import { aterstallDel } from "./spara.js";

const LISTOR = new Set(["avsnitt", "innehåll", "utvecklingsområden", "tidigare_utvecklingsområden"]);
let bas = "";
let dialog = null;
let oppen = null;  // { sokvag, rubrik, knapp }

/** Sant för de delar som får en Historik-knapp. */
export function arDel(s) {
  if (!Array.isArray(s) || !s.length) return false;
  if (s.length === 2 && s[0] === "styrtal") return true;
  const sista = s[s.length - 1];
  if (typeof sista === "number") return s.length >= 2 && LISTOR.has(s[s.length - 2]);
  return sista === "slutsatser" || (s.length === 1 && s[0] === "sammanfattning");
}

function tid(iso) {
  if (!iso) return "okänd tid";
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString("sv-SE", { dateStyle: "medium", timeStyle: "short" });
}

/** Diffens delar som HTML-element: lika som text, bort som <del>, ny som <ins>, med markörer. */
export function diffElement(delar) {
  const ut = el("p", { class: "diff" });
  for (const d of delar || []) {
    if (d.typ === "bort") {
      ut.appendChild(el("del", {}, el("span", { class: "dold" }, "Borttaget: "),
        el("span", { class: "markor", "aria-hidden": "true" }, "[−"), d.text,
        el("span", { class: "markor", "aria-hidden": "true" }, "−]")));
    } else if (d.typ === "ny") {
      ut.appendChild(el("ins", {}, el("span", { class: "dold" }, "Tillagt: "),
        el("span", { class: "markor", "aria-hidden": "true" }, "[+"), d.text,
        el("span", { class: "markor", "aria-hidden": "true" }, "+]")));
    } else ut.appendChild(document.createTextNode(d.text));
  }
  if (!ut.childNodes.length) ut.appendChild(el("em", {}, "(tom)"));
  return ut;
}

function meddela(text, fel) {
  const s = document.getElementById("historik-status");
  s.textContent = text || "";
  s.className = fel ? "fel" : "";
  s.hidden = !text;
}

function andring(a, i, svar) {
  const vem = a.namn + (a.epost ? " (" + a.epost + ")" : "");
  const rubrik = (a.nuvarande ? "Nu: " : "") + tid(a.tid) + ", " + vem + (a.kort ? " · " + a.kort : "");
  const knapp = svar.far_aterstalla && a.commit && a.finns && !a.nuvarande
    ? el("button", { type: "button", class: "aterstall", "data-commit": a.commit,
      "aria-label": "Återställ texten till versionen från " + tid(a.tid) + " av " + a.namn,
      on: { click: () => aterstall(a) } }, "Återställ den här versionen")
    : null;
  return el("li", {}, el("details", { open: i === 0 },
    el("summary", {}, rubrik),
    a.finns ? null : el("p", {}, el("em", {}, "Delen togs bort i den här versionen.")),
    diffElement(a.diff), knapp));
}

async function aterstall(a) {
  meddela("Återställer …");
  const svar = await aterstallDel(oppen.sokvag, a.commit);
  if (!svar.ok) { meddela(svar.fel || "Texten kunde inte återställas.", true); return; }
  await ladda("Texten är återställd till versionen från " + tid(a.tid) + " (" + a.namn + "). Det blev en ny sparning.");
}

async function ladda(meddelande) {
  const lista = document.getElementById("historik-lista");
  let svar;
  try {
    const s = await fetch(bas + "/historik/" + encodeURIComponent(JSON.stringify(oppen.sokvag)), { credentials: "same-origin" });
    svar = await s.json();
    if (!s.ok) { meddela(svar.fel || "Historiken kunde inte hämtas (kod " + s.status + ").", true); lista.replaceChildren(); return; }
  } catch {
    meddela("Servern svarar inte; historiken kunde inte hämtas.", true);
    return;
  }
  if (!svar.git) {
    lista.replaceChildren();
    meddela(svar.forklaring, false);
    return;
  }
  const poster = svar.andringar.map((a, i) => andring(a, i, svar));
  lista.replaceChildren(...(poster.length ? poster : [el("li", {}, "Inga ändringar av den här delen i git ännu.")]));
  meddela(meddelande || (svar.fler ? "Bara de senaste versionerna av filen visas." : ""), false);
}

function skapaDialog() {
  const d = el("dialog", { id: "historik", "aria-labelledby": "historik-rubrik" },
    el("h2", { id: "historik-rubrik" }, "Historik"),
    el("p", { class: "hjalp" }, "Ändringarna av den här delen, den senaste först. Borttagen text är överstruken och står inom [− −]; tillagd text är understruken och står inom [+ +]."),
    el("div", { id: "historik-status", role: "status", "aria-live": "polite", hidden: true }),
    el("ol", { id: "historik-lista", class: "historiklista" }),
    el("button", { type: "button", id: "historik-stang", on: { click: () => d.close() } }, "Stäng"));
  d.addEventListener("close", () => {
    if (!oppen) return;  // focus back on the part's button (a new one if the form was redrawn)
    const knapp = oppen.knapp.isConnected ? oppen.knapp
      : document.querySelector('[data-del="' + CSS.escape(JSON.stringify(oppen.sokvag)) + '"] > .historikknapp, .falt[data-sokvag="' +
        CSS.escape(JSON.stringify(oppen.sokvag)) + '"] > .historikknapp');
    if (knapp) knapp.focus();
    oppen = null;
  });
  document.body.appendChild(d);
  return d;
}

function oppna(sokvag, rubrik, knapp) {
  if (!dialog) dialog = skapaDialog();
  oppen = { sokvag, rubrik, knapp };
  document.getElementById("historik-rubrik").textContent = "Historik: " + rubrik;
  document.getElementById("historik-lista").replaceChildren(el("li", {}, "Hämtar …"));
  meddela("");
  dialog.showModal();
  return ladda();
}

function rubrikFor(e) {
  const r = e.querySelector(":scope > legend, :scope > summary, :scope > label");
  return r ? r.textContent.trim() : "delen";
}

/** Lägger en Historik-knapp i varje del som saknar en (efter varje omritning). */
export function laggKnappar(form) {
  const sedda = new Set();
  for (const e of form.querySelectorAll("[data-del], .falt[data-sokvag]")) {
    const nyckel = e.getAttribute("data-del") || e.getAttribute("data-sokvag");
    if (sedda.has(nyckel)) continue;
    sedda.add(nyckel);
    let sokvag;
    try { sokvag = JSON.parse(nyckel); } catch { continue; }
    if (!arDel(sokvag) || e.querySelector(":scope > .historikknapp")) continue;
    let rubrik = rubrikFor(e);
    const forald = typeof sokvag[sokvag.length - 1] === "number" ? null : e.parentElement.closest("[data-del]");
    if (forald) rubrik += " i " + rubrikFor(forald);  // "Slutsatser i Underavsnitt 1: …"
    /* a link in the role of a button: a godkänd report's form is a disabled fieldset, which
       would disable a <button> too, and the history is for reading it (Enter and Space open it) */
    const b = el("a", { href: "#historik", role: "button", class: "historikknapp", "aria-haspopup": "dialog",
      "aria-label": "Historik: " + rubrik, on: {
        click: (h) => { h.preventDefault(); oppna(sokvag, rubrik, b); },
        keydown: (h) => { if (h.key === " ") { h.preventDefault(); oppna(sokvag, rubrik, b); } },
      } }, "Historik");
    const forst = e.querySelector(":scope > legend, :scope > summary, :scope > label");
    if (forst) forst.after(b); else e.prepend(b);
  }
}

/** Startar historiken för formuläret på sidan (basUrl = /skriv/<enhet>). */
export function startaHistorik(basUrl) {
  bas = basUrl;
  const form = document.getElementById("formular");
  if (!form) return;
  let vantar = false;
  new MutationObserver(() => {
    if (vantar) return;
    vantar = true;
    requestAnimationFrame(() => { vantar = false; laggKnappar(form); });
  }).observe(form, { childList: true });
  laggKnappar(form);
}
