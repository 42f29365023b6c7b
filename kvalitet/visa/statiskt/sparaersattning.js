/* kvalitet: TILLFÄLLIG ersättning för h4b:s spara.js med samma gränssnitt (tillstand, starta,
   andra, sparaNu, sattStatus, angra). Sparar en stund efter sista ändringen; när spara.js finns
   byts bara importen i redigera.js. Ingen annan modul ändrar tillstand.data än andra(op). */
import { el, knapp, skicka, klocka } from "./dom.js";
import { utfor } from "./sokvag.js";

export const tillstand = { data: null, bas: null, version: null, status: "utkast", problem: [], styrtal: [], andrad: null };

const PAUS = 800;
let BAS = "", pa = {}, timer = null, sparar = false, igen = false, konflikt = false;
const sparstatus = () => document.getElementById("sparstatus");

function sattText(t) {
  const s = sparstatus();
  if (s) s.textContent = t;
}

/* Ett fel från servern överst (role=alert), på svenska; det du skrev ligger kvar i formuläret. */
export function visaServerfel(text) {
  const ruta = document.getElementById("serverfel");
  if (!ruta) return;
  ruta.replaceChildren();
  if (text) ruta.appendChild(el("p", {}, "Inte sparat: " + text + " Det du skrev finns kvar i formuläret; det sparas när du ändrar igen eller väljer Spara nu.",
    " ", knapp("Spara nu", () => sparaNu())));
  ruta.hidden = !text;
}

function ta(svar) {
  if (svar.version) tillstand.version = svar.version;
  if (svar.data) tillstand.bas = svar.data;
  if (svar.problem) tillstand.problem = svar.problem;
  if (svar.styrtal) tillstand.styrtal = svar.styrtal;
  if (svar.status) tillstand.status = svar.status;
  if (svar.andrad) tillstand.andrad = svar.andrad;
}

export async function starta({ basUrl, token, pa: anrop }) {
  void token;
  BAS = basUrl;
  pa = anrop || {};
  const d = await fetch(BAS + "/data").then((s) => s.json()).catch(() => ({ fel: "Servern svarar inte. Kör kvalitet skriv fortfarande?" }));
  if (d.fel) return d;
  tillstand.data = d.data;
  ta(d);
  pa.rita && pa.rita("start");
  lyssna();
  return d;
}

export function andra(op) {
  utfor(tillstand.data, op);
  if (konflikt) return;
  clearTimeout(timer);
  sattText("Ändrat – sparas strax …");
  timer = setTimeout(sparaNu, PAUS);
}

export async function sparaNu() {
  clearTimeout(timer);
  timer = null;
  if (konflikt) return;
  if (sparar) {
    igen = true;
    return;
  }
  sparar = true;
  sattText("Sparar …");
  const s = await skicka(BAS + "/spara", { data: tillstand.data, version: tillstand.version, bas: tillstand.bas });
  sparar = false;
  if (!s.ok) {
    sattText("Inte sparat – " + s.data.fel);
    visaServerfel(s.data.fel);
    return;
  }
  visaServerfel("");
  if (s.data.konflikt) {
    visaKonflikt(s.data.konflikt);
    return;
  }
  ta(s.data);
  const fel = tillstand.problem.filter((p) => p.grad === "fel").length;
  sattText("Sparat " + klocka() + (fel ? " – med " + fel + " fel, markerade vid fälten." : "."));
  pa.problem && pa.problem();
  pa.styrtal && pa.styrtal();
  pa.forhandsvisning && pa.forhandsvisning();
  if (igen || timer) {
    igen = false;
    await sparaNu();
  }
}

function visaKonflikt(k) {
  konflikt = true;
  const ruta = document.getElementById("konflikt");
  ruta.replaceChildren(
    el("h2", {}, "Filen har ändrats utanför formuläret"),
    el("p", {}, "Någon har sparat filen sedan du öppnade den. Ingenting är överskrivet. Din version finns kvar i ",
      el("code", {}, String(k.din_kopia || "")), ". Välj vilken version som ska gälla:"),
    k.diff ? el("details", {}, el("summary", {}, "Visa skillnaden (− din version, + den andra)"), el("pre", {}, k.diff)) : null,
    knapp("Behåll min version", () => {
      konflikt = false;
      tillstand.version = k.version;
      ruta.hidden = true;
      sparaNu();
    }),
    knapp("Ta den andra versionen", () => {
      konflikt = false;
      ruta.hidden = true;
      laddaOm("Formuläret visar nu den andra versionen. Din finns kvar i " + (k.din_kopia || "historiken") + ".");
    }));
  ruta.hidden = false;
  ruta.focus();
  sattText("Inte sparat: filen har ändrats utanför formuläret.");
}

async function laddaOm(meddelande) {
  const d = await fetch(BAS + "/data").then((s) => s.json()).catch(() => ({ fel: "Servern svarar inte." }));
  if (d.fel) {
    visaServerfel(d.fel);
    return;
  }
  tillstand.data = d.data;
  ta(d);
  pa.rita && pa.rita("laddaOm");
  pa.forhandsvisning && pa.forhandsvisning();
  if (meddelande) sattText(meddelande);
}

export async function sattStatus(status) {
  if (timer) await sparaNu();
  const s = await skicka(BAS + "/status", { status, version: tillstand.version, bas: tillstand.bas });
  if (!s.ok) {
    sattText("Inte sparat – " + s.data.fel);
    visaServerfel(s.data.fel);
    return;
  }
  if (s.data.konflikt) {
    visaKonflikt(s.data.konflikt);
    return;
  }
  tillstand.data.status = status;
  ta(s.data);
  pa.rita && pa.rita("status");
  sattText("Status: " + status + " (sparat " + klocka() + ").");
  pa.forhandsvisning && pa.forhandsvisning();
}

export async function angra() {
  clearTimeout(timer);
  timer = null;
  const s = await skicka(BAS + "/angra", { version: tillstand.version });
  if (!s.ok) {
    visaServerfel(s.data.fel);
    return;
  }
  tillstand.data = s.data.data;
  ta(s.data);
  pa.rita && pa.rita("angra");
  pa.forhandsvisning && pa.forhandsvisning();
  sattText("Den senaste sparningen är ångrad (" + klocka() + ").");
}

/* En fil som sparas utanför formuläret: visa den nya versionen om inget väntar på att sparas. */
function lyssna() {
  try {
    let forsta = null;
    new EventSource("/__kvalitet/handelser").addEventListener("version", (h) => {
      if (forsta === null) {
        forsta = h.data;
        return;
      }
      if (sparar || timer || konflikt) return;
      fetch(BAS + "/data").then((s) => s.json()).then((d) => {
        if (!d.version || d.version === tillstand.version || sparar || timer || konflikt) return;
        tillstand.data = d.data;
        ta(d);
        pa.rita && pa.rita("utifran");
        pa.forhandsvisning && pa.forhandsvisning();
        sattText("Filen ändrades utanför formuläret (" + klocka() + "); formuläret visar den nya versionen.");
      });
    });
  } catch {
    /* utan händelser: konflikten upptäcks när du sparar */
  }
}
