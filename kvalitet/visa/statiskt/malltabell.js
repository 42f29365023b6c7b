/* kvalitet: rapportmallens tabeller i formuläret (en del under delar: med mallens tabeller). Varje
   tabell har mallens kolumner; varje rad är en ruta med radens namn och ett fält per kolumn (en
   text bryts på flera rader, en bedömningsskalas steg är ett val med orden), så att inget rullar i
   sidled ens på 320 px. Tabellen skapas i filen först när något skrivs i den (mallens tomma tabell,
   med de fasta raderna); en tömd cell blir tom (null) på sin plats, ingenting annat flyttas. */
import { el, knapp, ident, unikt } from "./dom.js";
import { hamta } from "./sokvag.js";
import { ctx, ritaObjekt } from "./formular.js";
import { registrera, faltram, visat, cellvarde } from "./falt.js";
import { grupp, flyttknappar } from "./block.js";

function kopia(v) {
  return JSON.parse(JSON.stringify(v));
}

/* Mallens tomma tabeller fram till och med nummer i, där filen inte redan har en tabell. */
function skapa(nod, sokvag, i) {
  for (let j = 0; j <= i; j++) {
    const p = sokvag.concat([j]);
    const t = hamta(ctx.tillstand.data, p);
    if (t === null || typeof t !== "object") ctx.andra({ typ: "satt", sokvag: p, varde: kopia(nod.tabeller[j].standard) });
  }
}

function cell(nod, sokvag, i, kolumn, p, etikett) {
  const v = hamta(ctx.tillstand.data, p);
  let kontroll;
  if (kolumn.sort === "val") {
    kontroll = el("select", {}, el("option", { value: "" }, "(inget valt)"),
      kolumn.alternativ.map(([varde, namn]) => el("option", { value: varde, selected: visat(v) === String(varde) }, namn)));
    kontroll.addEventListener("change", () => {
      skapa(nod, sokvag, i);
      ctx.andra({ typ: "satt", sokvag: p, varde: kontroll.value === "" ? null : kontroll.value });
    });
  } else if (kolumn.sort === "text") {
    kontroll = el("textarea", { rows: 3 });
    kontroll.value = visat(v);
    kontroll.addEventListener("input", () => {
      skapa(nod, sokvag, i);
      ctx.andra({ typ: "satt", sokvag: p, varde: kontroll.value === "" ? null : kontroll.value });
    });
  } else {
    kontroll = el("input", { type: "text", value: visat(v), inputmode: "decimal", autocomplete: "off" });
    kontroll.addEventListener("input", () => {
      skapa(nod, sokvag, i);
      ctx.andra({ typ: "satt", sokvag: p, varde: cellvarde(kontroll.value) });
    });
  }
  return faltram(p, etikett, "", false, kontroll);
}

function malltabell(nod, sokvag, i) {
  const mall = nod.tabeller[i];
  const p = sokvag.concat([i]);
  const t = hamta(ctx.tillstand.data, p);
  const finns = t !== null && typeof t === "object";
  const rader = finns && Array.isArray(t.rader) ? t.rader : mall.standard.rader;
  const kolumner = finns && Array.isArray(t.kolumner) ? t.kolumner : mall.standard.kolumner || [];
  const rubrik = mall.rubrik;
  const rutor = rader.map((r, k) => {
    const rp = p.concat(["rader", k]);
    const namn = visat(r && r.rad);
    const falt = [];
    if (!mall.fasta) {
      const inp = el("input", { type: "text", value: namn, autocomplete: "off" });
      inp.addEventListener("input", () => {
        skapa(nod, sokvag, i);
        ctx.andra({ typ: "satt", sokvag: rp.concat(["rad"]), varde: inp.value });
      });
      falt.push(faltram(rp.concat(["rad"]), mall.radrubrik, "", false, inp));
    }
    kolumner.forEach((k2, j) => {
      const kolumn = mall.kolumner[j] || { sort: "tal" };
      falt.push(cell(nod, sokvag, i, kolumn, rp.concat(["värden", j]), String(k2)));
    });
    const legend = mall.fasta ? namn : mall.radrubrik + " " + (k + 1) + (namn ? ": " + namn : "");
    const verktyg = mall.fasta || !finns ? null : flyttknappar(p.concat(["rader"]), k, rader.length, "rad " + (k + 1) + " i " + rubrik.toLowerCase());
    return el("fieldset", { class: "tabellrad", id: unikt("g-" + ident(rp)) }, el("legend", {}, legend), falt, verktyg);
  });
  const rfel = el("p", { class: "falt-fel", id: unikt("e-r-" + ident(p)) });
  registrera(p.concat(["rader"]), null, rfel, "Rader");
  const lagg = mall.fasta ? null : knapp("Lägg till rad", () => {
    skapa(nod, sokvag, i);
    const n = (hamta(ctx.tillstand.data, p.concat(["rader"])) || []).length;
    ctx.andra({ typ: "infoga", sokvag: p.concat(["rader", n]), varde: { rad: "", värden: kolumner.map(() => null) } });
    ctx.rita(ident(p.concat(["rader", n, "rad"])));
  }, "Lägg till rad i " + rubrik.toLowerCase(), unikt("l-" + ident(p.concat(["rader"]))));
  return grupp(p, "Tabell: " + rubrik, mall.hjalp, [rutor, rfel, lagg]);
}

export function malltabeller(nod, sokvag, etikett, hjalp) {
  const lista = hamta(ctx.tillstand.data, sokvag);
  const egna = Array.isArray(lista) ? lista.slice(nod.tabeller.length) : [];
  const delar = nod.tabeller.map((_, i) => malltabell(nod, sokvag, i));
  egna.forEach((_, k) => {
    const i = nod.tabeller.length + k;
    delar.push(ritaObjekt(ctx.defs[nod.post.def], sokvag.concat([i]), "Tabell " + (i + 1), "", false));
  });
  return el("div", { class: "malltabeller" }, delar);
}
