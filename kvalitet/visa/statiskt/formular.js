/* kvalitet: ritar formuläret ur modellens formulärträd (/skriv/formular.json) och tillstand.data.
   Fokus och markering stannar i fältet genom en omritning (id:n ur vägen, unika och stabila). */
import { el, knapp, ident, unikt, nyRitning, skicka } from "./dom.js";
import { hamta } from "./sokvag.js";
import { textfalt, cellfalt, heltalsfalt, valfalt, datumfalt, registrera } from "./falt.js";
import { grupp, listfalt, blockfalt, ordbokfalt, ellerfalt } from "./block.js";
import { rutnat } from "./tabell.js";
import { malltabeller } from "./malltabell.js";
import { visaProblem } from "./problem.js";

/* Det som formulärets moduler delar: trädet, fälten vid sina vägar, öppna sektioner, andra(op). */
export const ctx = {
  rot: null, defs: {}, tillstand: null, andra: null, basUrl: "", falt: {}, oppna: {}, valt: {},
  rita: () => {},
};

/* Till dess modellen ger svenska etiketter (postetikett, h3): ett ord per definition. */
const ORD = {
  Utvecklingsomrade: "utvecklingsområde", TidigareUtvecklingsomrade: "tidigare utvecklingsområde",
  EgetStyrtal: "eget styrtal", Aktivitet: "aktivitet", Avsnitt: "avsnitt", Bild: "bild", Tabell: "tabell",
  Diagram: "diagram", Rad: "rad", Slutsats: "slutsats", Delaktighet: "delaktighet", Huvudavsnitt: "avsnitt",
};
const ETIKETTER = { Alt: "Alternativtext", "Kolada ou": "Kolada-id (ou)" };

export function postnamn(nod) {
  if (nod.postetikett) return String(nod.postetikett).toLowerCase();
  if (nod.post && nod.post.sort === "ref") return ORD[nod.post.def] || nod.post.def.toLowerCase();
  return "värde";
}
export function faltetikett(e) {
  return ETIKETTER[e] || e;
}

export function tomFor(nod) {
  if (nod.sort === "ref") return tomFor(ctx.defs[nod.def]);
  if (nod.sort === "objekt" || nod.sort === "bild" || nod.sort === "ordbok") return {};
  if (nod.sort === "rutnat") return { rader: [{ rad: "" }] };
  if (nod.sort === "lista" || nod.sort === "block" || nod.sort === "textlista") return [];
  if (nod.sort === "eller") return tomFor(nod.alternativ[0].nod);
  return "";
}

function bildfalt(def, sokvag, rubrik) {
  const b = hamta(ctx.tillstand.data, sokvag) || {};
  const fp = sokvag.concat(["fil"]);
  const id = unikt(ident(fp));
  const val = el("input", { type: "file", id, accept: ".png,.jpg,.jpeg,.gif,.webp,.svg", "aria-describedby": "e-" + id });
  const fel = el("p", { class: "falt-fel", id: "e-" + id, "aria-live": "polite" });
  registrera(fp, val, fel, "Bildfil");
  const ladda = knapp("Ladda upp bilden", async () => {
    const alt = hamta(ctx.tillstand.data, sokvag.concat(["alt"]));
    if (!alt || !String(alt).trim()) {
      fel.textContent = "Skriv alternativtexten först: vad bilden visar, för den som inte ser den.";
      const altfalt = document.getElementById(ident(sokvag.concat(["alt"])));
      if (altfalt) altfalt.focus();
      return;
    }
    if (!val.files.length) { fel.textContent = "Välj en bildfil först."; val.focus(); return; }
    const fil = val.files[0];
    fel.textContent = "Laddar upp …";
    const s = await skicka(ctx.basUrl + "/bild", fil, { "Content-Type": "application/octet-stream", "X-Filnamn": encodeURIComponent(fil.name) });
    if (!s.ok) { fel.textContent = s.data.fel; return; }
    ctx.andra({ typ: "satt", sokvag: fp, varde: s.data.fil });
    ctx.rita(id);
    const nytt = ctx.falt[JSON.stringify(fp)];
    if (nytt) nytt.fel.textContent = "Bilden är uppladdad som " + s.data.fil + ".";
  });
  const ovriga = def.falt.filter((f) => f.nyckel !== "fil")
    .map((f) => ritaNod(f.nod, sokvag.concat([f.nyckel]), f.etikett, f.hjalp, f.kravs));
  return grupp(sokvag, rubrik, def.beskrivning, [ovriga,
    el("p", { class: "bildfil" }, "Bildfil: ", el("code", {}, b.fil ? String(b.fil) : "ingen ännu")),
    el("div", { class: "falt" }, el("label", { for: id }, "Välj en bildfil (PNG, JPEG, GIF, WebP eller SVG, högst 10 MB)"), val, ladda, fel)]);
}

function styrtalsfalt(nod, sokvag, etikett, hjalp) {
  const v = hamta(ctx.tillstand.data, sokvag) || {};
  const styrtal = ctx.tillstand.styrtal || [];
  const kanda = styrtal.map((s) => s.id);
  const delar = styrtal.map((s) => {
    const p = sokvag.concat([s.id]);
    const beskr = "Mål " + s.mal + ". Målvärde: " + (s.malvarde || "inget") + " (" + s.matt + ", " + (s.riktning === "lägre" ? "lägre är bättre" : "högre är bättre") + ").";
    const status = el("p", { class: "styrtalsstatus", id: unikt("s-" + ident(p)), "aria-live": "polite" }, "Status: ", el("strong", {}, s.symbol + " " + s.status));
    return grupp(p, s.id + " " + s.text, beskr, [status, ritaObjektFalt(ctx.defs[nod.varde.def], p)], false);
  });
  Object.keys(v).filter((k) => kanda.indexOf(k) < 0).forEach((k) => {
    delar.push(grupp(sokvag.concat([k]), k + " (finns inte hos huvudmannen för skolformen)", "", ritaObjektFalt(ctx.defs[nod.varde.def], sokvag.concat([k]))));
  });
  if (!styrtal.length) delar.push(el("p", {}, "Huvudmannen har inga styrtal för skolformen (eller huvudmannafilen har fel)."));
  return grupp(sokvag, etikett, hjalp, delar);
}

export function uppdateraStyrtal() {
  for (const s of ctx.tillstand.styrtal || []) {
    const e = document.getElementById("s-" + ident(["styrtal", s.id]));
    if (e) e.replaceChildren("Status: ", el("strong", {}, s.symbol + " " + s.status));
  }
}

export function ritaObjektFalt(def, sokvag) {
  const rot = sokvag.length === 0;
  const falt = def.falt.filter((f) => !(rot && f.nyckel === "status"));
  /* f.sokvag: en rapportmalls egen del står i roten men skrivs under delar: (["delar", id]) */
  const vag = (f) => sokvag.concat(f.sokvag || [f.nyckel]);
  const ut = falt.filter((f) => !f.grupp)
    .map((f) => ritaNod(f.nod, vag(f), f.etikett, f.hjalp, f.kravs, rot));
  /* modellens grupper (de administrativa uppgifterna) efter rektorns eget innehåll, i en egen sektion */
  for (const g of def.grupper || []) {
    const inne = falt.filter((f) => f.grupp === g.id)
      .map((f) => ritaNod(f.nod, vag(f), f.etikett, f.hjalp, f.kravs, false));
    if (!inne.length) continue;
    const id = unikt("d-" + ident(sokvag.concat(["grupp", g.id])));
    const d = el("details", { class: "sektion", id, open: !!ctx.oppna[id] }, el("summary", {}, g.etikett),
      g.hjalp ? el("p", { class: "hjalp" }, g.hjalp) : null, inne);
    d.addEventListener("toggle", () => { ctx.oppna[id] = d.open; });
    ut.push(d);
  }
  return ut;
}

export function ritaObjekt(def, sokvag, rubrik, hjalp, fallbar) {
  if (def.sort === "rutnat") return rutnat(def, sokvag, rubrik);
  if (def.sort === "bild") return bildfalt(def, sokvag, rubrik);
  return grupp(sokvag, rubrik, hjalp || def.beskrivning, ritaObjektFalt(def, sokvag), fallbar);
}

export function ritaNod(nod, sokvag, etikett, hjalp, kravs, toppniva) {
  const s = nod.sort;
  etikett = faltetikett(etikett);
  let ut;
  if (s === "ref") ut = ritaObjekt(ctx.defs[nod.def], sokvag, etikett, hjalp, toppniva);
  else if (s === "text") ut = textfalt(nod, sokvag, etikett, hjalp, kravs);
  else if (s === "cell") ut = cellfalt(sokvag, etikett, hjalp, kravs);
  else if (s === "heltal") ut = heltalsfalt(nod, sokvag, etikett, hjalp, kravs);
  else if (s === "datum") ut = datumfalt(sokvag, etikett, hjalp, kravs);
  else if (s === "val") ut = valfalt(nod.alternativ, sokvag, etikett, hjalp, kravs, String);
  else if (s === "sant") ut = valfalt([["true", "ja"], ["false", "nej"]], sokvag, etikett, hjalp, false, (x) => x === "true");
  else if (s === "textlista") ut = listfalt(nod, sokvag, etikett, hjalp, true);
  else if (s === "lista") ut = listfalt(nod, sokvag, etikett, hjalp, false);
  else if (s === "block") ut = blockfalt(nod, sokvag, etikett, hjalp);
  else if (s === "ordbok") ut = ordbokfalt(nod, sokvag, etikett, hjalp);
  else if (s === "eller") ut = ellerfalt(nod, sokvag, etikett, hjalp, kravs);
  else if (s === "styrtal") ut = styrtalsfalt(nod, sokvag, etikett, hjalp);
  else if (s === "malltabeller") ut = malltabeller(nod, sokvag, etikett, hjalp);
  else ut = textfalt({}, sokvag, etikett, hjalp, kravs);
  if (toppniva && (ut.tagName === "FIELDSET" || nod.sektion)) {  /* sektion: en rapportmalls textdel */
    const id = unikt("d-" + ident(sokvag));
    const d = el("details", { class: "sektion", id, open: !!ctx.oppna[id] }, el("summary", {}, etikett));
    d.addEventListener("toggle", () => { ctx.oppna[id] = d.open; });
    d.appendChild(ut);
    return d;
  }
  return ut;
}

/* Ritar om hela formuläret. fokus: id att flytta fokus till (efter lägg till/ta bort/flytta);
   annars behålls fältet som har fokus, med markören och markeringen där de var. */
export function rita(fokus, oppnaSokvag) {
  const formEl = document.getElementById("formular");
  const aktiv = document.activeElement;
  const aktivId = fokus || (aktiv && formEl.contains(aktiv) && aktiv.id) || null;
  let markering = null;
  if (!fokus && !oppnaSokvag && aktiv && "selectionStart" in aktiv) {
    try { markering = [aktiv.selectionStart, aktiv.selectionEnd, aktiv.selectionDirection]; } catch { markering = null; }
  }
  const rullning = window.scrollY;
  if (oppnaSokvag) for (let i = 1; i <= oppnaSokvag.length; i++) ctx.oppna["d-" + ident(oppnaSokvag.slice(0, i))] = true;
  ctx.falt = {};
  nyRitning();
  const fs = el("fieldset", { class: "hela", disabled: ctx.tillstand.status === "godkänd" },
    el("legend", { class: "dold" }, "Rapportens fält"), ritaObjektFalt(ctx.rot, []));
  formEl.replaceChildren(fs);
  visaProblem();
  let mal = null;
  if (oppnaSokvag && !fokus) {
    /* en ny post: fokus i dess första fält */
    mal = document.getElementById(ident(oppnaSokvag));
    const g = mal || document.getElementById("g-" + ident(oppnaSokvag)) || document.getElementById("d-" + ident(oppnaSokvag));
    if (g && !/^(INPUT|TEXTAREA|SELECT)$/.test(g.tagName)) mal = g.querySelector("input, textarea, select");
  }
  if (!mal && aktivId) mal = document.getElementById(aktivId);
  if (mal) {
    let d = mal.closest("details");
    while (d) { d.open = true; ctx.oppna[d.id] = true; d = d.parentElement.closest("details"); }
    mal.focus({ preventScroll: !fokus && !oppnaSokvag });
    if (markering && typeof mal.setSelectionRange === "function") {
      try { mal.setSelectionRange(markering[0], markering[1], markering[2] || "none"); } catch { /* inte ett textfält */ }
    }
    if (!fokus && !oppnaSokvag) window.scrollTo(window.scrollX, rullning);
  }
}

export function startaFormular({ form, tillstand, andra, basUrl }) {
  ctx.rot = form.rot;
  ctx.defs = form.defs;
  ctx.tillstand = tillstand;
  ctx.andra = andra;
  ctx.basUrl = basUrl;
  ctx.rita = rita;
}
