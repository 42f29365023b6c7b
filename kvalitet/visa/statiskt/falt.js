/* kvalitet: formulärets enkla fält (text, Markdown, cell, heltal, val, datum) och ramen runt dem
   (etikett, hjälptext, fel). Varje ändring går genom ctx.andra(op); ett tömt fält i en lista blir
   tomt på sin plats, en tömd nyckel tas bort (ingenting annat flyttas). */
import { el, knapp, ident, unikt, skicka } from "./dom.js";
import { hamta } from "./sokvag.js";
import { gorLista, omge } from "./markdown.js";
import { ctx } from "./formular.js";

export function visat(v) {
  return v === null || v === undefined ? "" : String(v);
}

/* Sätter ett fälts värde; tomt: i en lista "" (eller null i en cell) på sin plats, annars bort. */
export function sattVarde(sokvag, varde, tomt = "") {
  if (varde === "" || varde === null || varde === undefined) {
    if (typeof sokvag[sokvag.length - 1] === "number") ctx.andra({ typ: "satt", sokvag, varde: tomt });
    else if (hamta(ctx.tillstand.data, sokvag) !== undefined) ctx.andra({ typ: "taBort", sokvag });
    return;
  }
  ctx.andra({ typ: "satt", sokvag, varde });
}

export function registrera(sokvag, kontroll, fel, etikett) {
  ctx.falt[JSON.stringify(sokvag)] = { kontroll, fel, etikett };
}

export function faltram(sokvag, etikett, hjalp, kravs, kontroll, lagg) {
  const id = unikt(ident(sokvag));
  kontroll.id = id;
  const beskrivning = [];
  const hjalpEl = hjalp ? el("p", { class: "hjalp", id: "h-" + id, text: hjalp }) : null;
  if (hjalpEl) beskrivning.push("h-" + id);
  const felEl = el("p", { class: "falt-fel", id: "e-" + id });
  beskrivning.push("e-" + id);
  kontroll.setAttribute("aria-describedby", beskrivning.join(" "));
  if (kravs) kontroll.setAttribute("aria-required", "true");
  registrera(sokvag, kontroll, felEl, etikett);
  return el("div", { class: "falt", "data-sokvag": JSON.stringify(sokvag) },
    el("label", { for: id }, etikett, kravs ? el("span", { class: "kravs" }, " (krävs)") : null),
    hjalpEl, lagg || kontroll, felEl);
}

export function textfalt(nod, sokvag, etikett, hjalp, kravs) {
  if (nod.markdown) return markdownfalt(sokvag, etikett, hjalp, kravs);
  const inp = el("input", { type: "text", value: visat(hamta(ctx.tillstand.data, sokvag)), autocomplete: "off" });
  inp.addEventListener("input", () => sattVarde(sokvag, inp.value));
  return faltram(sokvag, etikett, hjalp, kravs, inp);
}

export function markdownfalt(sokvag, etikett, hjalp, kravs) {
  const yta = el("textarea", { rows: 5 });
  yta.value = visat(hamta(ctx.tillstand.data, sokvag));
  yta.addEventListener("input", () => sattVarde(sokvag, yta.value));
  const visning = el("div", { class: "md-visning", hidden: true, "aria-live": "polite" });
  function byt(r) {
    yta.value = r.text;
    yta.focus();
    yta.setSelectionRange(r.a, r.b);
    yta.dispatchEvent(new Event("input"));
  }
  const forh = knapp("Förhandsgranska", async () => {
    if (!visning.hidden) {
      visning.hidden = true;
      forh.setAttribute("aria-pressed", "false");
      return;
    }
    const s = await skicka("/skriv/markdown", { text: yta.value });
    visning.innerHTML = s.ok ? s.data.html || "<p>(tom text)</p>" : "";
    if (!s.ok) visning.textContent = s.data.fel;
    visning.hidden = false;
    forh.setAttribute("aria-pressed", "true");
  });
  forh.setAttribute("aria-pressed", "false");
  const a = () => yta.selectionStart, b = () => yta.selectionEnd;
  const verktyg = el("div", { role: "toolbar", "aria-label": "Formatering: " + etikett, class: "md-verktyg" },
    knapp("Fetstil", () => byt(omge(yta.value, a(), b(), "**", "**", "fet text"))),
    knapp("Punktlista", () => byt(gorLista(yta.value, a(), b(), false))),
    knapp("Numrerad lista", () => byt(gorLista(yta.value, a(), b(), true))),
    knapp("Länk", () => byt(omge(yta.value, a(), b(), "[", "](https://)", "länktext"))),
    forh);
  return faltram(sokvag, etikett, hjalp, kravs, yta, el("div", { class: "md" }, verktyg, yta, visning));
}

export function cellvarde(text) {
  const t = text.trim();
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

export function cellfalt(sokvag, etikett, hjalp, kravs) {
  const inp = el("input", { type: "text", value: visat(hamta(ctx.tillstand.data, sokvag)), inputmode: "decimal", autocomplete: "off" });
  inp.addEventListener("input", () => sattVarde(sokvag, cellvarde(inp.value), null));
  return faltram(sokvag, etikett, hjalp, kravs, inp);
}

export function heltalsfalt(nod, sokvag, etikett, hjalp, kravs) {
  const inp = el("input", { type: "number", min: nod.min === null || nod.min === undefined ? null : nod.min, step: 1,
    value: visat(hamta(ctx.tillstand.data, sokvag)) });
  inp.addEventListener("input", () => sattVarde(sokvag, inp.value === "" ? null : /^-?\d+$/.test(inp.value) ? Number(inp.value) : inp.value, null));
  return faltram(sokvag, etikett, hjalp, kravs, inp);
}

/* alternativ: [[värde, etikett], …] (modellens svenska etiketter) eller bara värden. */
export function valfalt(alternativ, sokvag, etikett, hjalp, kravs, tolka) {
  const v = hamta(ctx.tillstand.data, sokvag);
  const sel = el("select", {});
  if (!kravs || v === undefined || v === null) sel.appendChild(el("option", { value: "" }, kravs ? "(välj)" : "(inget valt)"));
  for (const a of alternativ) {
    const [varde, namn] = Array.isArray(a) ? a : [a, a];
    sel.appendChild(el("option", { value: String(varde), selected: visat(v) === String(varde) }, String(namn)));
  }
  sel.addEventListener("change", () => sattVarde(sokvag, sel.value === "" ? null : tolka(sel.value), null));
  return faltram(sokvag, etikett, hjalp, kravs, sel);
}

export function datumfalt(sokvag, etikett, hjalp, kravs) {
  const inp = el("input", { type: "date", value: visat(hamta(ctx.tillstand.data, sokvag)) });
  inp.addEventListener("change", () => sattVarde(sokvag, inp.value || null, null));
  return faltram(sokvag, etikett, hjalp, kravs, inp);
}
