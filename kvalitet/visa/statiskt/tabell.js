/* kvalitet: en tabell i formuläret (rader × kolumner). En tömd cell blir tom i sin kolumn (null i
   listformen, borttagen nyckel i ordboksformen); rader läggs till, tas bort och flyttas en i taget.
   Tabellen rullar i sin egen region (role=region, tabindex=0) på en smal skärm, aldrig sidan. */
import { el, knapp, ident, unikt } from "./dom.js";
import { hamta } from "./sokvag.js";
import { ctx, ritaNod } from "./formular.js";
import { registrera, sattVarde, cellvarde, visat } from "./falt.js";
import { grupp, flyttknappar } from "./block.js";

const KON = ["flickor", "pojkar", "totalt"];

export function rutnat(def, sokvag, rubrik) {
  const t = hamta(ctx.tillstand.data, sokvag) || {};
  const kon = !t.kolumner;
  const rader = Array.isArray(t.rader) ? t.rader : [];
  const kol = Array.isArray(t.kolumner) ? t.kolumner : t.kolumner ? [t.kolumner] : [];
  const id = ident(sokvag);
  function cell(p, namn) {
    const cid = unikt(ident(p));
    const fel = el("p", { class: "falt-fel", id: "e-" + cid });
    const inp = el("input", { type: "text", id: cid, value: visat(hamta(ctx.tillstand.data, p)), inputmode: "decimal",
      autocomplete: "off", "aria-describedby": "e-" + cid });
    inp.addEventListener("input", () => sattVarde(p, p[p.length - 1] === "rad" ? inp.value : cellvarde(inp.value), p[p.length - 1] === "rad" ? "" : null));
    registrera(p, inp, fel, namn);
    return el("td", {}, el("label", { class: "dold", for: cid }, namn), inp, fel);
  }
  const huvud = [el("th", { scope: "col" }, "Rad")];
  if (kon) ["Flickor", "Pojkar", "Totalt", "Antal flickor", "Antal pojkar", "Antal totalt"].forEach((h) => huvud.push(el("th", { scope: "col" }, h)));
  else kol.forEach((k, j) => {
    const kp = sokvag.concat(["kolumner", j]);
    const kid = unikt(ident(kp));
    const inp = el("input", { type: "text", id: kid, value: visat(k), autocomplete: "off" });
    inp.addEventListener("input", () => ctx.andra({ typ: "satt", sokvag: kp, varde: inp.value }));
    registrera(kp, inp, null, "Kolumn " + (j + 1));
    huvud.push(el("th", { scope: "col" }, el("label", { class: "dold", for: kid }, "Kolumn " + (j + 1) + ", rubrik"), inp));
  });
  huvud.push(el("th", { scope: "col" }, "Ändra"));
  const kropp = rader.map((r, i) => {
    const p = sokvag.concat(["rader", i]);
    const namn = "Rad " + (i + 1);
    const celler = [cell(p.concat(["rad"]), namn + ": rubrik")];
    if (kon) {
      KON.forEach((g) => celler.push(cell(p.concat([g]), namn + ": " + g)));
      KON.forEach((g) => celler.push(cell(p.concat(["antal", g]), namn + ": antal " + g)));
    } else kol.forEach((k, j) => celler.push(cell(p.concat(["värden", j]), namn + ": " + (k || "kolumn " + (j + 1)))));
    celler.push(el("td", {}, flyttknappar(sokvag.concat(["rader"]), i, rader.length, "rad " + (i + 1) + " i " + rubrik.toLowerCase())));
    return el("tr", {}, celler);
  });
  const fid = unikt("form-" + id);
  const form = el("select", { id: fid },
    el("option", { value: "kon", selected: kon }, "Flickor, pojkar och totalt"),
    el("option", { value: "kol", selected: !kon }, "Egna kolumner"));
  form.addEventListener("change", () => {
    if (form.value === "kol") ctx.andra({ typ: "satt", sokvag: sokvag.concat(["kolumner"]), varde: kol.length ? kol : ["Kolumn 1"] });
    else ctx.andra({ typ: "taBort", sokvag: sokvag.concat(["kolumner"]) });
    ctx.rita(fid);
  });
  const verktyg = el("div", { class: "postverktyg" },
    knapp("Lägg till rad", () => {
      const n = rader.length; /* rader är listan i tillstand.data: läs längden före ändringen */
      ctx.andra({ typ: "infoga", sokvag: sokvag.concat(["rader", n]), varde: { rad: "" } });
      ctx.rita(ident(sokvag.concat(["rader", n, "rad"])));
    }, "Lägg till rad i " + rubrik.toLowerCase(), unikt("l-" + ident(sokvag.concat(["rader"])))),
    kon ? null : knapp("Lägg till kolumn", () => {
      const n = kol.length;
      ctx.andra({ typ: "infoga", sokvag: sokvag.concat(["kolumner", n]), varde: "Kolumn " + (n + 1) });
      ctx.rita(ident(sokvag.concat(["kolumner", n])));
    }, "Lägg till kolumn i " + rubrik.toLowerCase()),
    kon || !kol.length ? null : knapp("Ta bort sista kolumnen", () => {
      const n = kol.length;
      rader.forEach((r, i) => {
        if (Array.isArray(r.värden) && r.värden.length >= n) ctx.andra({ typ: "taBort", sokvag: sokvag.concat(["rader", i, "värden", n - 1]) });
      });
      ctx.andra({ typ: "taBort", sokvag: sokvag.concat(["kolumner", n - 1]) });
      ctx.rita(fid);
    }, "Ta bort sista kolumnen i " + rubrik.toLowerCase()));
  const rfel = el("p", { class: "falt-fel", id: unikt("e-r-" + id) });
  registrera(sokvag.concat(["rader"]), null, rfel, "Rader");
  const ovriga = def.falt.filter((f) => f.nyckel !== "rader" && f.nyckel !== "kolumner")
    .map((f) => ritaNod(f.nod, sokvag.concat([f.nyckel]), f.etikett, f.hjalp, f.kravs));
  const rubriktext = "Rader i " + rubrik.toLowerCase();
  return grupp(sokvag, rubrik, def.beskrivning, [
    ovriga,
    el("div", { class: "falt" }, el("label", { for: fid }, "Tabellens form"), form),
    el("div", { class: "rutnat", role: "region", tabindex: "0", "aria-label": rubriktext + " (rulla i sidled)" },
      el("table", {}, el("caption", {}, rubriktext), el("thead", {}, el("tr", {}, huvud)), el("tbody", {}, kropp))),
    rfel, verktyg]);
}
