/* kvalitet: fel och varningar vid fälten och i listan överst, i formulärets ord (fältets etikett,
   eller modellens "falt" när servern ger det), aldrig YAML-vägar eller radnummer. */
import { el } from "./dom.js";
import { ctx } from "./formular.js";

function oppnaOchFokusera(id) {
  const m = document.getElementById(id);
  if (!m) return;
  let d = m.closest("details");
  while (d) { d.open = true; ctx.oppna[d.id] = true; d = d.parentElement.closest("details"); }
  m.focus();
}

/* Fältet närmast problemets väg (problemet kan gälla en post inuti ett fält). */
function faltFor(sokvag) {
  const s = (sokvag || []).slice();
  for (;;) {
    const f = ctx.falt[JSON.stringify(s)];
    if (f || !s.length) return f || null;
    s.pop();
  }
}

export function visaProblem() {
  for (const f of Object.values(ctx.falt)) {
    if (f.fel) f.fel.textContent = "";
    if (f.kontroll && f.kontroll.removeAttribute) f.kontroll.removeAttribute("aria-invalid");
  }
  const problem = ctx.tillstand.problem || [];
  const lista = el("ul", {});
  let antal = 0;
  for (const p of problem) {
    const f = faltFor(p.sokvag);
    const text = (p.grad === "fel" ? "Fel: " : "Varning: ") + p.text;
    if (p.grad === "fel") antal++;
    if (f && f.fel) {
      f.fel.textContent = (f.fel.textContent ? f.fel.textContent + " " : "") + text;
      if (f.kontroll && p.grad === "fel") f.kontroll.setAttribute("aria-invalid", "true");
    }
    const var_ = p.falt || (f && f.etikett) || "";
    const mal = f && f.kontroll && f.kontroll.id;
    const innehall = (var_ ? var_ + " – " : "") + text;
    lista.appendChild(el("li", { class: p.grad }, mal
      ? el("a", { href: "#" + mal, on: { click: (h) => { h.preventDefault(); oppnaOchFokusera(mal); } } }, innehall)
      : innehall));
  }
  const summa = document.getElementById("felsammanfattning");
  summa.replaceChildren();
  if (problem.length) summa.appendChild(el("div", { class: antal ? "fel" : "varningar" },
    el("p", {}, antal ? "Filen är sparad men har " + antal + " fel som kvalitet kontrollera också visar:" : "Varningar från kvalitet kontrollera:"), lista));
}
