/* kvalitet: utkastet i webbläsaren. Varje ändring skrivs i localStorage från första tangenttrycket,
   så att inget som skrivits försvinner om sidan laddas om eller stängs innan det hunnit sparas.
   Nyckel "kvalitet-utkast:<enhet>", innehåll {version, bas, data, tid} (se protokollet). Ett utkast
   som erbjudits men inte valts ännu flyttas till "…:undan" när personen skriver vidare, så att det
   aldrig skrivs över utan ett val. */

const PREFIX = "kvalitet-utkast:";

function lagring(egen) {
  if (egen) return egen;
  try { return globalThis.localStorage || null; } catch (e) { return null; }
}

export function nyckel(enhet) { return PREFIX + enhet; }

/** Skriver utkastet; false när webbläsaren inte tar emot det (privat läge, fullt). */
export function skriv(enhet, utkast, egen) {
  const l = lagring(egen);
  if (!l) return false;
  try {
    l.setItem(nyckel(enhet), JSON.stringify({
      version: utkast.version, bas: utkast.bas, data: utkast.data, tid: utkast.tid || Date.now(),
    }));
    return true;
  } catch (e) { return false; }
}

function lasNyckel(l, k) {
  try {
    const text = l.getItem(k);
    if (!text) return null;
    const u = JSON.parse(text);
    return u && typeof u === "object" && "data" in u ? u : null;
  } catch (e) { return null; }
}

/** Utkastet för enheten, eller null. */
export function las(enhet, egen) {
  const l = lagring(egen);
  return l ? lasNyckel(l, nyckel(enhet)) : null;
}

/** Ett äldre utkast som lades undan medan det erbjöds, eller null. */
export function lasUndan(enhet, egen) {
  const l = lagring(egen);
  return l ? lasNyckel(l, nyckel(enhet) + ":undan") : null;
}

/** Lägger utkastet åt sidan (det erbjuds igen vid nästa laddning). */
export function lagUndan(enhet, utkast, egen) {
  const l = lagring(egen);
  if (!l || !utkast) return false;
  try { l.setItem(nyckel(enhet) + ":undan", JSON.stringify(utkast)); return true; } catch (e) { return false; }
}

export function taBort(enhet, egen) {
  const l = lagring(egen);
  if (!l) return;
  try { l.removeItem(nyckel(enhet)); } catch (e) { /* inget att ta bort */ }
}

export function taBortUndan(enhet, egen) {
  const l = lagring(egen);
  if (!l) return;
  try { l.removeItem(nyckel(enhet) + ":undan"); } catch (e) { /* inget att ta bort */ }
}

export function klockslag(tid) {
  const d = new Date(tid);
  const tva = (n) => String(n).padStart(2, "0");
  return tva(d.getHours()) + ":" + tva(d.getMinutes());
}

/** Visar erbjudandet överst: "Återställ det du skrev 09:41" / "Släng utkastet". ja() och nej()
    anropas med utkastet; elementet tas bort när ett val gjorts. */
export function erbjud(utkast, { ja, nej, dokument }) {
  const doc = dokument || globalThis.document;
  const gammal = doc.getElementById("utkast");
  if (gammal) gammal.remove();
  const ruta = doc.createElement("section");
  ruta.id = "utkast";
  ruta.className = "utkast";
  ruta.setAttribute("aria-labelledby", "utkast-rubrik");
  const rubrik = doc.createElement("h2");
  rubrik.id = "utkast-rubrik";
  rubrik.textContent = "Du har text som inte sparades";
  const text = doc.createElement("p");
  text.textContent = "Webbläsaren har kvar det du skrev " + klockslag(utkast.tid) +
    " men som inte hann sparas i filen. Återställ det (det sparas då och tas ihop med filen) eller släng utkastet.";
  const aterstall = doc.createElement("button");
  aterstall.type = "button";
  aterstall.id = "utkast-aterstall";
  aterstall.textContent = "Återställ det du skrev " + klockslag(utkast.tid);
  const slang = doc.createElement("button");
  slang.type = "button";
  slang.id = "utkast-slang";
  slang.textContent = "Släng utkastet";
  aterstall.addEventListener("click", () => { ruta.remove(); ja(utkast); });
  slang.addEventListener("click", () => { ruta.remove(); nej(utkast); });
  ruta.append(rubrik, text, aterstall, " ", slang);
  const plats = doc.getElementById("sparstatus");
  if (plats && plats.parentNode) plats.parentNode.insertBefore(ruta, plats.nextSibling);
  else doc.body.prepend(ruta);
  aterstall.focus();
  return ruta;
}
