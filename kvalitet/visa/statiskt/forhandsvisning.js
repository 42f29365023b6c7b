/* kvalitet: förhandsvisningen i ramen bredvid formuläret. Laddas om efter en sparning och står
   kvar där läsaren var (rullningen behålls). Flera omladdningar i rad blir en: den senaste vinner. */

let vantar = null;

/** Laddar om ramen #forhandsvisning med enhetens förhandsvisning; behåller rullningen. */
export function laddaOm(basUrl, dokument) {
  const doc = dokument || globalThis.document;
  const ram = doc && doc.getElementById("forhandsvisning");
  if (!ram) return Promise.resolve(false);
  let x = 0, y = 0;
  try { x = ram.contentWindow.scrollX; y = ram.contentWindow.scrollY; } catch (e) { x = 0; y = 0; }
  if (vantar && vantar.x !== undefined && vantar.ram === ram) { x = vantar.x; y = vantar.y; }
  return new Promise((klar) => {
    const denna = { ram, x, y };
    vantar = denna;
    ram.addEventListener("load", function upp() {
      ram.removeEventListener("load", upp);
      if (vantar === denna) vantar = null;
      try { ram.contentWindow.scrollTo(x, y); } catch (e) { /* ramen visar en felsida */ }
      klar(true);
    });
    ram.src = basUrl + "/forhandsvisning?v=" + Date.now();
  });
}
