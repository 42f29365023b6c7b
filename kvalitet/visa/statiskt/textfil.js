/* kvalitet: huvudmannens filer och behörigheterna som text (sidan /redigera/<namn>).
   Texten hämtas från …/data, sparas med …/spara (token i X-Kvalitet-Token); felen visas med rad
   och kolumn, och ett klick på ett fel flyttar markören dit. Inget som skrivits försvinner: en
   vägrad sparning lämnar texten i rutan (och servern sparar den som utkast i historiken). */
import { el, knapp, skicka, klocka } from "./dom.js";

const form = document.getElementById("textfil");
const ruta = document.getElementById("text");
const lista = document.getElementById("textfel");
const status = document.getElementById("sparstatus");
const serverfel = document.getElementById("serverfel");
const konflikt = document.getElementById("konflikt");
const radinfo = document.getElementById("radinfo");
const bas = "/redigera/" + encodeURIComponent(form.getAttribute("data-namn"));
let version = "";
let sparadText = "";

function tillRad(rad, kolumn) {
  const rader = ruta.value.split("\n");
  let pos = 0;
  for (let i = 0; i < Math.min(rad - 1, rader.length); i++) pos += rader[i].length + 1;
  const slut = pos + (rader[rad - 1] || "").length;
  pos = Math.min(pos + Math.max(kolumn - 1, 0), slut);
  ruta.focus();
  ruta.setSelectionRange(pos, slut);
  const hojd = ruta.scrollHeight / Math.max(rader.length, 1);
  ruta.scrollTop = Math.max(0, (rad - 5) * hojd);
  visaRad();
}

function visaRad() {
  const fore = ruta.value.slice(0, ruta.selectionStart).split("\n");
  radinfo.textContent = "Rad " + fore.length + ", kolumn " + (fore[fore.length - 1].length + 1);
}

function visaProblem(problem) {
  lista.replaceChildren();
  if (!problem || problem.length === 0) {
    lista.appendChild(el("li", {}, "Inga fel eller varningar."));
    ruta.removeAttribute("aria-invalid");
    return;
  }
  const fel = problem.some((p) => p.grad === "fel");
  if (fel) ruta.setAttribute("aria-invalid", "true");
  else ruta.removeAttribute("aria-invalid");
  for (const p of problem) {
    const text = "Rad " + p.rad + ", kolumn " + p.kolumn + ": " + p.grad + ": " + p.vad + (p.hur ? " (" + p.hur + ")" : "");
    lista.appendChild(el("li", { class: p.grad === "fel" ? "fel" : "varning" },
      knapp(text, () => tillRad(p.rad, p.kolumn))));
  }
}

function visaFel(text) {
  serverfel.textContent = text || "";
  serverfel.hidden = !text;
}

function visaKonflikt(k) {
  konflikt.replaceChildren(
    el("h2", {}, "Filen har ändrats av någon annan sedan du öppnade den"),
    el("p", {}, "Inget sparades. Din text finns kvar i rutan och som kopia i " + k.din_kopia + ". Så skiljer sig din text (−) från filen som den är nu (+):"),
    el("pre", { class: "diff" }, k.diff),
    el("p", {},
      knapp("Skriv över med min text", () => { version = k.version; konflikt.hidden = true; spara(); }, null, "skriv-over"),
      " ",
      knapp("Ta filen som den är nu", () => { version = k.version; ruta.value = k.text; sparadText = k.text; konflikt.hidden = true; }, null, "ta-deras")),
  );
  konflikt.hidden = false;
  konflikt.focus();
}

async function spara() {
  status.textContent = "Sparar …";
  visaFel("");
  const s = await skicka(bas + "/spara", { text: ruta.value, version });
  if (s.ok && s.data.konflikt) {
    status.textContent = "Inte sparat: filen har ändrats.";
    visaKonflikt(s.data.konflikt);
    return;
  }
  if (!s.ok) {
    status.textContent = "Inte sparat.";
    visaFel(s.data.fel);
    if (s.data.problem) visaProblem(s.data.problem);
    return;
  }
  version = s.data.version;
  sparadText = ruta.value;
  konflikt.hidden = true;
  visaProblem(s.data.problem);
  const fel = s.data.problem.filter((p) => p.grad === "fel").length;
  status.textContent = (s.data.sparad ? "Sparat " + klocka() : "Inget att spara") + (fel ? " – filen har " + fel + " fel, se listan." : ".");
}

async function starta() {
  let s;
  try {
    s = await fetch(bas + "/data", { credentials: "same-origin" });
  } catch {
    visaFel("Servern svarar inte. Ladda om sidan om en stund.");
    return;
  }
  const data = await s.json().catch(() => ({ fel: "Servern svarade med kod " + s.status + "." }));
  if (!s.ok) {
    visaFel(data.fel);
    lista.replaceChildren();
    return;
  }
  version = data.version;
  ruta.value = data.text;
  sparadText = data.text;
  visaProblem(data.problem);
  status.textContent = data.finns ? "" : "Filen finns inte än; den skapas när du sparar.";
}

form.addEventListener("submit", (h) => { h.preventDefault(); spara(); });
ruta.addEventListener("keyup", visaRad);
ruta.addEventListener("click", visaRad);
ruta.addEventListener("keydown", (h) => {
  if ((h.ctrlKey || h.metaKey) && h.key === "s") { h.preventDefault(); spara(); }
});
addEventListener("beforeunload", (h) => {
  if (ruta.value !== sparadText) { h.preventDefault(); h.returnValue = ""; }
});
starta();
