/* kvalitet: formuläret i webbläsaren (kvalitet skriv), startpunkten som kopplar ihop modulerna.
   Inget byggsteg och inga beroenden: ES-moduler som serveras som de är (CSP: script-src 'self').
   sokvag.js vägar · dom.js el/knapp/id · falt.js, block.js, tabell.js fälten · formular.js ritning
   och fokus · problem.js felen · historik.js historik per text · spara.js, utkast.js, konflikt.js och forhandsvisning.js sparandet. */
import { el, skicka } from "./dom.js";
import { tillstand, starta, andra, sattStatus, angra } from "./spara.js";
import { startaFormular, rita, uppdateraStyrtal } from "./formular.js";
import { visaProblem } from "./problem.js";
import { startaHistorik } from "./historik.js";

function nyEnhet(nyForm) {
  nyForm.addEventListener("submit", async (h) => {
    h.preventDefault();
    const fel = document.getElementById("ny-fel");
    const namn = document.getElementById("ny-namn");
    const mall = document.getElementById("ny-rapportmall");
    const s = await skicka("/skriv/ny", { namn: namn.value, skolform: document.getElementById("ny-skolform").value,
      rapportmall: mall ? mall.value : "" });
    if (s.ok) {
      location.href = "/skriv/" + encodeURIComponent(s.data.enhet);
      return;
    }
    fel.textContent = s.data.fel;
    namn.setAttribute("aria-invalid", "true");
    namn.focus();
  });
}

function visaStatus() {
  const godkand = tillstand.status === "godkänd";
  document.getElementById("status").textContent = tillstand.status;
  document.getElementById("klar").hidden = godkand || tillstand.status === "klar";
  document.getElementById("godkann").hidden = godkand;
  document.getElementById("oppna-igen").hidden = !godkand;
  document.getElementById("godkand-info").hidden = !godkand;
}

function laddaOmForhandsvisning(bas) {
  const ram = document.getElementById("forhandsvisning");
  let y = 0;
  try { y = ram.contentWindow.scrollY; } catch { y = 0; }
  ram.addEventListener("load", function upp() {
    ram.removeEventListener("load", upp);
    try { ram.contentWindow.scrollTo(0, y); } catch { /* tom */ }
  });
  ram.src = bas + "/forhandsvisning?v=" + Date.now();
}

async function redigera(topp) {
  const enhet = topp.getAttribute("data-enhet");
  const bas = "/skriv/" + encodeURIComponent(enhet);
  const formEl = document.getElementById("formular");
  let form;
  try {
    form = await fetch(bas + "/formular.json").then((s) => s.json());  /* enhetens rapportmall */
  } catch {
    formEl.replaceChildren(el("p", { class: "fel", role: "alert" }, "Formuläret kunde inte laddas: servern svarar inte. Kör kvalitet skriv fortfarande? Ladda sedan om sidan."));
    return;
  }
  startaFormular({ form, tillstand, andra, basUrl: bas });
  const d = await starta({
    basUrl: bas,
    token: "",
    pa: {
      rita: () => { visaStatus(); rita(); },
      problem: visaProblem,
      styrtal: uppdateraStyrtal,
      forhandsvisning: () => laddaOmForhandsvisning(bas),
    },
  });
  if (d.fel) {  // a file the form cannot open: the reason, and its errors with file and line
    const rader = (d.problem || []).map((p) => el("li", {}, p));
    formEl.replaceChildren(el("div", { class: "fel", role: "alert" }, el("p", {}, d.fel),
      rader.length ? el("ul", {}, rader) : null));
    return;
  }
  document.getElementById("klar").addEventListener("click", () => sattStatus("klar"));
  document.getElementById("godkann").addEventListener("click", () => sattStatus("godkänd"));
  document.getElementById("oppna-igen").addEventListener("click", () => sattStatus("klar"));
  document.getElementById("angra").addEventListener("click", () => angra());
  startaHistorik(bas);
  document.getElementById("sparstatus").textContent = "Formuläret är öppet. Ändringar sparas av sig själva.";
}

const nyForm = document.getElementById("ny-enhet");
const topp = document.querySelector(".topp[data-enhet]");
if (nyForm) nyEnhet(nyForm);
else if (topp) redigera(topp);
