/* kvalitet: grupper, listor, blocklistor, ordböcker och val av form. Lägg till, ta bort och flytta
   upp/ned går genom ctx.andra(op) och rör bara den posten; fokus följer posten som flyttades. */
import { el, knapp, ident, unikt } from "./dom.js";
import { hamta } from "./sokvag.js";
import { ctx, ritaNod, ritaObjekt, tomFor, postnamn, faltetikett } from "./formular.js";
import { registrera, markdownfalt, textfalt } from "./falt.js";

export function grupp(sokvag, rubrik, hjalp, innehall, fallbar) {
  const id = ident(sokvag);
  const fel = el("p", { class: "falt-fel", id: unikt("e-" + id) });
  if (fallbar) {
    const did = unikt("d-" + id);
    const d = el("details", { class: "sektion", id: did, open: !!ctx.oppna[did], "data-del": JSON.stringify(sokvag) },
      el("summary", {}, rubrik), hjalp ? el("p", { class: "hjalp" }, hjalp) : null, fel, innehall);
    d.addEventListener("toggle", () => { ctx.oppna[did] = d.open; });
    registrera(sokvag, d, fel, rubrik);
    return d;
  }
  const f = el("fieldset", { class: "grupp", id: unikt("g-" + id), "data-del": JSON.stringify(sokvag) }, el("legend", {}, rubrik),
    hjalp ? el("p", { class: "hjalp" }, hjalp) : null, fel, innehall);
  if (!ctx.falt[JSON.stringify(sokvag)]) registrera(sokvag, f, fel, rubrik);
  return f;
}

/* ↑ ↓ Ta bort för post i av en lista med antal poster; namn säger vilken post (för skärmläsare). */
export function flyttknappar(lista, i, antal, namn) {
  const p = lista.concat([i]);
  const k = "k-" + ident(p);
  function flytta(steg) {
    if (i + steg < 0 || i + steg >= antal) return;
    ctx.andra({ typ: "flytta", sokvag: p, steg });
    ctx.rita("k-" + ident(lista.concat([i + steg])) + (steg < 0 ? "-upp" : "-ned"));
  }
  const upp = knapp("↑", () => flytta(-1), "Flytta upp " + namn, unikt(k + "-upp"));
  const ned = knapp("↓", () => flytta(1), "Flytta ned " + namn, unikt(k + "-ned"));
  if (i === 0) upp.setAttribute("aria-disabled", "true");
  if (i === antal - 1) ned.setAttribute("aria-disabled", "true");
  const bort = knapp("Ta bort", () => {
    ctx.andra({ typ: "taBort", sokvag: p });
    const kvar = antal - 1;
    ctx.rita(kvar === 0 ? "l-" + ident(lista) : "k-" + ident(lista.concat([Math.min(i, kvar - 1)])) + "-bort");
  }, "Ta bort " + namn, unikt(k + "-bort"));
  return el("div", { class: "postverktyg" }, upp, ned, bort);
}

export function listfalt(nod, sokvag, etikett, hjalp, textlista) {
  const v = hamta(ctx.tillstand.data, sokvag);
  let poster = Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v];
  const ol = el("ol", { class: "lista" });
  const namnet = textlista && !nod.postetikett ? "punkt" : postnamn(nod);
  const sing = nod.postrubrik || namnet.charAt(0).toUpperCase() + namnet.slice(1);
  if (textlista && poster.length === 1 && !Array.isArray(v)) {
    ol.appendChild(el("li", {}, nod.markdown ? markdownfalt(sokvag, "Punkt 1", "", false) : textfalt({}, sokvag, "Punkt 1", "", false)));
    poster = [];
  }
  poster.forEach((post, i) => {
    const p = sokvag.concat([i]);
    const rubrik = post && typeof post === "object" && post.rubrik ? ": " + post.rubrik : "";
    const namn = namnet + " " + (i + 1) + " i " + etikett.toLowerCase();
    const inne = textlista
      ? nod.markdown ? markdownfalt(p, sing + " " + (i + 1), "", false) : textfalt({}, p, sing + " " + (i + 1), "", false)
      : ritaNod(nod.post, p, sing + " " + (i + 1) + rubrik, "", false);
    ol.appendChild(el("li", {}, inne, flyttknappar(sokvag, i, poster.length, namn)));
  });
  const lagg = knapp("Lägg till " + namnet, () => {
    const nu = hamta(ctx.tillstand.data, sokvag);
    const antal = Array.isArray(nu) ? nu.length : nu === undefined || nu === null || nu === "" ? 0 : 1;
    ctx.andra({ typ: "infoga", sokvag: sokvag.concat([antal]), varde: textlista ? "" : tomFor(nod.post) });
    ctx.rita(null, sokvag.concat([antal]));
  }, "Lägg till " + namnet + " i " + etikett.toLowerCase(), unikt("l-" + ident(sokvag)));
  return grupp(sokvag, etikett, hjalp, [ol, lagg]);
}

export function blockfalt(nod, sokvag, etikett, hjalp) {
  const v = hamta(ctx.tillstand.data, sokvag);
  const poster = Array.isArray(v) ? v : [];
  const ol = el("ol", { class: "lista block" });
  poster.forEach((b, i) => {
    const sort = nod.sorter.find((s) => b && typeof b === "object" && s.nyckel in b) || nod.sorter[0];
    const p = sokvag.concat([i]);
    const rubrik = "Block " + (i + 1) + ": " + sort.etikett;
    let inne;
    if (sort.hel) inne = ritaObjekt(ctx.defs[sort.def], p, rubrik, "");
    else {
      const f = ctx.defs[sort.def].falt[0];
      inne = grupp(p, rubrik, "", ritaNod(f.nod, p.concat([f.nyckel]), sort.etikett, f.hjalp, true));
    }
    ol.appendChild(el("li", {}, inne, flyttknappar(sokvag, i, poster.length, "block " + (i + 1) + " (" + sort.etikett.toLowerCase() + ")")));
  });
  const knappar = nod.sorter.map((s) => knapp(s.etikett, () => {
    const antal = poster.length;
    const ny = {};
    if (s.hel) ny.rubrik = "";
    else ny[s.nyckel] = tomFor(ctx.defs[s.def].falt[0].nod);
    ctx.andra({ typ: "infoga", sokvag: sokvag.concat([antal]), varde: ny });
    ctx.rita(null, sokvag.concat([antal]));
  }, "Lägg till block: " + s.etikett.toLowerCase() + " i " + etikett.toLowerCase()));
  const lagg = el("div", { class: "laggtill", role: "group", "aria-label": "Lägg till block i " + etikett.toLowerCase(), id: unikt("l-" + ident(sokvag)), tabindex: "-1" },
    el("span", { "aria-hidden": "true" }, "Lägg till: "), knappar);
  return grupp(sokvag, etikett, hjalp, [ol, lagg]);
}

export function ordbokfalt(nod, sokvag, etikett, hjalp) {
  const v = hamta(ctx.tillstand.data, sokvag);
  const nid = unikt("n-" + ident(sokvag));
  const rader = Object.keys(v && typeof v === "object" ? v : {}).map((k) =>
    el("div", { class: "ordpost" }, ritaNod(nod.varde, sokvag.concat([k]), k, "", false),
      knapp("Ta bort", () => { ctx.andra({ typ: "taBort", sokvag: sokvag.concat([k]) }); ctx.rita(nid); }, "Ta bort " + k)));
  const ny = el("input", { type: "text", id: nid, autocomplete: "off" });
  const lagg = knapp("Lägg till", () => {
    const k = ny.value.trim();
    if (!k) { ny.focus(); return; }
    ctx.andra({ typ: "satt", sokvag: sokvag.concat([k]), varde: tomFor(nod.varde) });
    ctx.rita(ident(sokvag.concat([k])));
  }, "Lägg till i " + etikett.toLowerCase());
  const nyckel = nod.nyckeletikett || "Ny rad i " + etikett.toLowerCase() + " (namn)";
  return grupp(sokvag, etikett, hjalp, [rader, el("div", { class: "ordny" }, el("label", { for: nid }, nyckel), ny, lagg)]);
}

export function ellerfalt(nod, sokvag, etikett, hjalp, kravs) {
  const v = hamta(ctx.tillstand.data, sokvag);
  function passar(a) {
    const s = a.nod.sort === "ref" ? ctx.defs[a.nod.def].sort : a.nod.sort;
    if (Array.isArray(v)) return s === "lista" || s === "textlista";
    if (v !== null && typeof v === "object") return s === "objekt" || s === "bild" || s === "rutnat";
    return s === "text" || s === "textlista" || s === "cell";
  }
  const id = unikt("v-" + ident(sokvag));
  let vald = v === undefined || v === null ? 0 : Math.max(0, nod.alternativ.findIndex(passar));
  if (ctx.valt[id] !== undefined && (v === undefined || v === null)) vald = ctx.valt[id];
  const sel = el("select", { id }, nod.alternativ.map((a, i) => el("option", { value: String(i), selected: i === vald }, a.namn)));
  sel.addEventListener("change", () => {
    if (v !== undefined) ctx.andra({ typ: "satt", sokvag, varde: tomFor(nod.alternativ[Number(sel.value)].nod) });
    ctx.valt[id] = Number(sel.value);
    ctx.rita(id);
  });
  return grupp(sokvag, faltetikett(etikett), hjalp, [el("div", { class: "falt" }, el("label", { for: id }, "Form"), sel),
    ritaNod(nod.alternativ[vald].nod, sokvag, etikett, "", kravs)]);
}
