/* kvalitet: när två har ändrat samma fält. En riktig <dialog> (showModal): fokus flyttas in,
   Escape stänger den utan att något går förlorat (utkastet finns kvar och sparningen väntar) och
   fokus går tillbaka dit det var. Per fält: fältets namn i formulärets ord, båda texterna sida vid
   sida ("Din text" / "Den andra texten") och valen "Behåll min", "Ta den andra", "Kombinera". */

import { kopia, satt, taBort } from "./sokvag.js";

function nytt(doc, tagg, attr, ...barn) {
  const e = doc.createElement(tagg);
  for (const [k, v] of Object.entries(attr || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const b of barn.flat()) {
    if (b === null || b === undefined || b === false) continue;
    e.append(typeof b === "string" ? doc.createTextNode(b) : b);
  }
  return e;
}

/** Ett värde som text att visa (och att kombinera). */
export function somText(v) {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) return v.join("\n");
  return JSON.stringify(v, null, 2);
}

/** Går värdet att kombinera i en textruta (text, tal eller en lista av texter)? */
export function kombinerbar(f) {
  const enkel = (v) => v === undefined || v === null || typeof v === "string" || typeof v === "number" ||
    (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number"));
  return enkel(f.min) && enkel(f.deras);
}

/** Förifylld kombination: båda texterna (en lista: mina punkter, sedan de andras som saknas). */
export function kombination(f) {
  if (Array.isArray(f.min) || Array.isArray(f.deras)) {
    const min = Array.isArray(f.min) ? f.min.map(String) : f.min == null ? [] : [String(f.min)];
    const deras = Array.isArray(f.deras) ? f.deras.map(String) : f.deras == null ? [] : [String(f.deras)];
    return min.concat(deras.filter((x) => !min.includes(x))).join("\n");
  }
  const a = somText(f.min), b = somText(f.deras);
  if (!a) return b;
  if (!b || a === b) return a;
  return a + "\n\n" + b;
}

/** Den kombinerade texten som värde av samma sort som fältet. */
export function kombineratVarde(f, text) {
  if (Array.isArray(f.min) || Array.isArray(f.deras)) return text.split("\n").filter((r) => r.trim() !== "");
  if ((typeof f.min === "number" || typeof f.deras === "number") && /^-?\d+(\.\d+)?$/.test(text.trim())) {
    return Number(text.trim());
  }
  return text;
}

/** Datan att spara: `sammanfogat` (där de andras värde står i varje krockande fält) med valen. */
export function tillampaVal(k, val) {
  const data = kopia(k.sammanfogat);
  k.falt.forEach((f, i) => {
    const v = val[i];
    if (!v || v.val === "deras") return;
    if (v.val === "min") {
      if (f.min === undefined) taBort(data, f.sokvag);
      else satt(data, f.sokvag, kopia(f.min));
    } else if (v.val === "kombinera") {
      satt(data, f.sokvag, kombineratVarde(f, v.text));
    }
  });
  return data;
}

/** Fältets namn ur formulärets träd (/skriv/formular.json), t.ex. "Resultat › Styrkor › punkt 2". */
export function faltnamnUr(form, sokvag) {
  if (!form || !form.rot) return sokvag.join(" › ");
  const defs = form.defs || {};
  const delar = [];
  let nod = form.rot;
  const los = (n) => { let x = n; for (let i = 0; x && x.sort === "ref" && i < 20; i++) x = defs[x.def]; return x; };
  for (const steg of sokvag) {
    nod = los(nod);
    if (typeof steg === "number") {
      delar.push("punkt " + (steg + 1));
      nod = nod && (nod.post || (nod.sorter ? null : null));
      continue;
    }
    let hittad = null;
    if (nod && Array.isArray(nod.falt)) hittad = nod.falt.find((f) => f.nyckel === steg) || null;
    if (!hittad && nod && nod.sorter) {
      const s = nod.sorter.find((x) => x.nyckel === steg);
      if (s) { delar.push(s.etikett); nod = defs[s.def]; continue; }
    }
    if (hittad) { delar.push(hittad.etikett); nod = hittad.nod; }
    else { delar.push(String(steg)); nod = nod && nod.varde ? nod.varde : null; }
  }
  return delar.join(" › ") || "Rapporten";
}

function dialogen(doc) {
  let d = doc.getElementById("konflikt");
  if (d && d.tagName === "DIALOG") return d;
  const ny = doc.createElement("dialog");
  ny.id = "konflikt";
  ny.className = "konflikt";
  ny.setAttribute("aria-labelledby", "konflikt-rubrik");
  if (d) d.replaceWith(ny);
  else doc.body.append(ny);
  return ny;
}

/** Visar konflikten; löses med datan att spara (valen tillämpade) eller null när dialogen
    stängdes utan val (Escape, "Bestäm senare"). */
export function visaKonflikt(k, { faltnamn, dokument } = {}) {
  const doc = dokument || globalThis.document;
  const namn = faltnamn || ((s) => s.join(" › "));
  const dlg = dialogen(doc);
  const tillbaka = doc.activeElement;
  const val = k.falt.map(() => null);
  const felText = nytt(doc, "p", { class: "konflikt-fel", id: "konflikt-fel", role: "alert" });
  const delar = k.falt.map((f, i) => {
    const id = "konflikt-" + i;
    const rubrik = nytt(doc, "h3", { id: id + "-namn" }, namn(f.sokvag));
    const sida = nytt(doc, "div", { class: "konflikt-sidor" },
      nytt(doc, "div", { class: "konflikt-min" }, nytt(doc, "h4", {}, "Din text"),
        nytt(doc, "pre", { id: id + "-min" }, somText(f.min) || "(tomt)")),
      nytt(doc, "div", { class: "konflikt-deras" }, nytt(doc, "h4", {}, "Den andra texten"),
        nytt(doc, "pre", { id: id + "-deras" }, somText(f.deras) || "(tomt)")));
    const yta = nytt(doc, "textarea", { id: id + "-kombinerad", rows: 6, hidden: true,
      "aria-label": "Kombinerad text: " + namn(f.sokvag) });
    yta.value = kombination(f);
    const grupp = nytt(doc, "div", { role: "group", "aria-labelledby": id + "-namn", class: "konflikt-val" });
    const knappar = {};
    const valj = (v) => {
      val[i] = { val: v, text: yta.value };
      for (const [nyckel, b] of Object.entries(knappar)) b.setAttribute("aria-pressed", String(nyckel === v));
      yta.hidden = v !== "kombinera";
      if (v === "kombinera") yta.focus();
      felText.textContent = "";
    };
    for (const [v, text] of [["min", "Behåll min"], ["deras", "Ta den andra"], ["kombinera", "Kombinera"]]) {
      if (v === "kombinera" && !kombinerbar(f)) continue;
      const b = nytt(doc, "button", { type: "button", "aria-pressed": "false", "aria-describedby": id + "-namn" }, text);
      b.addEventListener("click", () => valj(v));
      knappar[v] = b;
      grupp.append(b, " ");
    }
    yta.addEventListener("input", () => { if (val[i]) val[i].text = yta.value; });
    return nytt(doc, "section", { class: "konflikt-falt" }, rubrik, sida, grupp, yta);
  });
  const spara = nytt(doc, "button", { type: "button", id: "konflikt-spara" }, "Spara valen");
  const senare = nytt(doc, "button", { type: "button", id: "konflikt-senare" }, "Bestäm senare");
  dlg.replaceChildren(
    nytt(doc, "h2", { id: "konflikt-rubrik", tabindex: "-1" }, "Någon annan har ändrat samma fält"),
    nytt(doc, "p", {}, "Du och någon annan har ändrat " + (k.falt.length === 1 ? "samma fält" : k.falt.length + " fält") +
      " sedan du öppnade rapporten. Ingenting är överskrivet. Välj för varje fält vad som ska gälla."),
    k.din_kopia ? nytt(doc, "p", {}, "Din version finns också kvar i ", nytt(doc, "code", {}, k.din_kopia), ".") : "",
    ...delar, felText, nytt(doc, "p", { class: "konflikt-knappar" }, spara, " ", senare));
  return new Promise((klar) => {
    let svar = null;
    const stang = () => {
      dlg.removeEventListener("close", vidStang);
      if (dlg.open) dlg.close();
      if (tillbaka && tillbaka.focus && doc.contains(tillbaka)) tillbaka.focus();
      klar(svar);
    };
    const vidStang = () => stang();
    dlg.addEventListener("close", vidStang);
    spara.addEventListener("click", () => {
      const saknas = val.findIndex((v) => v === null);
      if (saknas >= 0) {
        felText.textContent = "Välj vad som ska gälla för " + namn(k.falt[saknas].sokvag) + ".";
        return;
      }
      svar = { data: tillampaVal(k, val), val };
      stang();
    });
    senare.addEventListener("click", () => stang());
    if (!dlg.open) dlg.showModal();
    dlg.querySelector("#konflikt-rubrik").focus();
  });
}
