/* kvalitet: små DOM-hjälpare för formuläret: el(), knapp(), id:n ur vägar, POST med token. */

export const TOKEN = (document.querySelector('meta[name="kvalitet-token"]') || {}).content || "";

export function el(tagg, attr, ...barn) {
  const e = document.createElement(tagg);
  for (const [k, v] of Object.entries(attr || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "on") for (const [h, f] of Object.entries(v)) e.addEventListener(h, f);
    else e.setAttribute(k, v === true ? "" : v);
  }
  const lagg = (x) => {
    if (x === null || x === undefined || x === false) return;
    if (Array.isArray(x)) x.forEach(lagg);
    else e.appendChild(typeof x === "string" ? document.createTextNode(x) : x);
  };
  barn.forEach(lagg);
  return e;
}

/* En riktig knapp (Enter och mellanslag fungerar), med tillgängligt namn när texten är en pil. */
export function knapp(text, gora, etikett, id) {
  return el("button", { type: "button", id: id || null, "aria-label": etikett || null, on: { click: gora } }, text);
}

/* Fältets id ur dess väg: "f-kvalitetsarbete-styrkor-0". Andra delar av samma fält får ett prefix
   (e- fel, h- hjälp, d- details, g- grupp, k- knappar, l- lägg till). */
export function ident(sokvag) {
  return "f-" + sokvag.map((s) => encodeURIComponent(String(s)).replace(/[%.'()!*~]/g, "_")).join("-");
}

/* Id:n som redan delats ut i den här ritningen: samma väg två gånger (ett val "Form" runt ett fält
   med samma väg) får -2, -3 … i ritordning, så id:n är unika och lika från ritning till ritning. */
let utdelade = new Set();
export function nyRitning() {
  utdelade = new Set();
}
export function unikt(id) {
  let ut = id;
  for (let n = 2; utdelade.has(ut); n++) ut = id + "-" + n;
  utdelade.add(ut);
  return ut;
}

export async function skicka(url, kropp, extra) {
  const huvud = Object.assign({ "X-Kvalitet-Token": TOKEN, "Content-Type": "application/json" }, extra || {});
  try {
    const s = await fetch(url, {
      method: "POST", headers: huvud, credentials: "same-origin", body: extra ? kropp : JSON.stringify(kropp),
    });
    let data;
    try {
      data = await s.json();
    } catch {
      data = { fel: "Servern svarade med något som inte går att läsa (kod " + s.status + "). Försök igen." };
    }
    if (!s.ok && !data.fel) data.fel = "Servern svarade med kod " + s.status + ". Försök igen.";
    return { ok: s.ok, kod: s.status, data };
  } catch {
    return { ok: false, kod: 0, data: { fel: "Servern svarar inte. Kör kvalitet skriv fortfarande? Det du skrev finns kvar här." } };
  }
}

export function klocka() {
  return new Date().toLocaleTimeString("sv-SE");
}
