"""Röjandekontrollens tid för stora tabeller: python3 bench/roj.py

Tabeller med 50–500 rader (flickor/pojkar/totalt och en summarad 'Samtliga', och listformen med
fyra kolumner och en summakolumn), där var femte grupp är liten; skriver tiden per tabell och
hur många värden som döljs."""

from __future__ import annotations

import random
import time

from kvalitet.berika.roj import maskera_tabell
from kvalitet.modell import Tabell


def tabell(rader: int, lista: bool, slump: random.Random) -> Tabell:
    ut = []
    for i in range(rader):
        n = [slump.choice([6, 25, 30, 45, 60]) for _ in range(3 if lista else 2)]
        k = [slump.randint(0, x) for x in n]
        if lista:
            ut.append({"rad": f"Grupp {i}", "värden": [*k, sum(k)], "antal": [*n, sum(n)]})
        else:
            ut.append(
                {
                    "rad": f"Grupp {i}",
                    "flickor": k[0],
                    "pojkar": k[1],
                    "totalt": sum(k),
                    "antal": {"flickor": n[0], "pojkar": n[1], "totalt": sum(n)},
                }
            )
    kolumner = len(ut[0]["värden"]) if lista else 0
    summa = {"rad": "Samtliga"}
    if lista:
        summa["värden"] = [sum(r["värden"][c] for r in ut) for c in range(kolumner)]
        summa["antal"] = [sum(r["antal"][c] for r in ut) for c in range(kolumner)]
    else:
        for g in ("flickor", "pojkar", "totalt"):
            summa[g] = sum(r[g] for r in ut)
        summa["antal"] = {
            g: sum(r["antal"][g] for r in ut) for g in ("flickor", "pojkar", "totalt")
        }
    data = {"rubrik": "Bänk", "mått": "antal", "rader": [*ut, summa]}
    if lista:
        data["kolumner"] = ["A", "B", "C", "Totalt"]
    return Tabell.model_validate(data)


def main() -> None:
    slump = random.Random(26)
    for lista in (False, True):
        for rader in (50, 100, 250, 499):
            t = tabell(rader, lista, slump)
            start = time.perf_counter()
            ut = maskera_tabell(t, "elever", 10)
            tid = time.perf_counter() - start
            celler = [v for r in ut.rader for v in (r.varden or [r.flickor, r.pojkar, r.totalt])]
            dolda = sum(v in ("..", "~100") for v in celler)
            form = "lista" if lista else "flickor/pojkar/totalt"
            print(f"{form:22} {rader + 1:4} rader: {tid:7.3f} s, {dolda} av {len(celler)} dolda")


if __name__ == "__main__":
    main()
