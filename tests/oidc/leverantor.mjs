// En riktig OpenID Connect-leverantör (panva/oidc-provider) på 127.0.0.1 för kvalitet servers
// tester. Start: node leverantor.mjs PORT REDIRECT_URI POST_LOGOUT_URI
// Skriver "redo <utfärdare>" på stdout när den lyssnar.
//
// Testanvändare (lösenord "hemligt"): se ANVANDARE. Tre av dem får ett ID-token som en
// felaktig leverantör skulle ge, så att testerna kan se att kvalitet vägrar det:
//   fel-nyckel  – signerat med en annan nyckel än den i leverantörens JWKS
//   fel-publik  – rätt signerat, men utfärdat för en annan klient (aud = "annan-klient")
//   utgangen    – rätt signerat, men gick ut för en timme sedan
//   fel-nonce   – rätt signerat, men med en annan nonce än den kvalitet skickade
//   fel-utfardare – rätt signerat, men från en annan utfärdare (iss)
// En användare med _claim_names/_claim_sources (som tillägg här eller i TESTANVANDARE) får dem i
// ID-tokenet i stället för groups, som Entra ID gör vid gruppöverskott (fler än ~200 grupper):
//   manga-grupper – Karin Ek, men i för många grupper
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { SignJWT, exportJWK, generateKeyPair, decodeJwt } from 'jose';

const [port, redirectUri, logoutUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const LOSENORD = 'hemligt';
// De riktiga testanvändarna är personer i exemplets rapporter/behörigheter.yaml (fiktiva).
const ANVANDARE = {
  'helena': { name: 'Helena Sandberg', email: 'helena.sandberg@alvmora.se', groups: ['rektorer'] },
  'johanna': { name: 'Johanna Ek', email: 'johanna.ek@alvmora.se', groups: ['rektorer'] },
  'karin': { name: 'Karin Ek', email: 'karin.ek@alvmora.se', groups: [] },
  'maria': { name: 'Maria Berg', email: 'maria.berg@alvmora.se', groups: ['bou-utvecklingsledare'] },
  'lars': { sub: '7c1e2f40-1b2a-4c3d-9e8f-0a1b2c3d4e5f', name: 'Lars Holm', email: 'lars.holm@alvmora.se', groups: [] },
  'sara': { name: 'Sara Lund', email: 'sara.lund@alvmora.se', groups: [] },
  'olle': { name: 'Olle Okänd', email: 'olle.okand@alvmora.se', groups: [] },
  'fel-nyckel': { name: 'Fel Nyckel', email: 'fel@exempel.se', groups: [] },
  'fel-publik': { name: 'Fel Publik', email: 'fel@exempel.se', groups: [] },
  'utgangen': { name: 'Utgången', email: 'fel@exempel.se', groups: [] },
  'fel-nonce': { name: 'Fel Nonce', email: 'fel@exempel.se', groups: [] },
  'fel-utfardare': { name: 'Fel Utfärdare', email: 'fel@exempel.se', groups: [] },
  'manga-grupper': {
    name: 'Karin Ek', email: 'karin.ek@alvmora.se',
    _claim_names: { groups: 'src1' },
    _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/manga-grupper/getMemberObjects' } },
  },
};
// fler testanvändare från testet (rättighetsmatrisen): {"inloggning": {sub, name, email, groups}}
Object.assign(ANVANDARE, JSON.parse(process.env.TESTANVANDARE || '{}'));

const alg = 'RS256';
const { privateKey } = await generateKeyPair(alg, { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'testnyckel', alg, use: 'sig' };
const { privateKey: annanNyckel } = await generateKeyPair(alg, { extractable: true });

const konfig = {
  clients: [
    {
      client_id: 'kvalitet',
      client_secret: 'kvalitet-hemlighet',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [logoutUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
    {
      client_id: 'annan-klient',
      client_secret: 'annan-hemlighet',
      redirect_uris: ['http://127.0.0.1:1/annan'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    },
  ],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(16).toString('hex')] },
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  conformIdTokenClaims: false, // the claims of the scopes go in the ID token too
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaktion/${interaction.uid}` },
  async findAccount(ctx, id) {
    const person = ANVANDARE[id] || Object.values(ANVANDARE).find((p) => p.sub === id);
    if (!person) return undefined;
    return { accountId: id, async claims() { return { ...person, sub: id }; } };
  },
  // a first-party test client: no consent screen, every requested scope granted
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const befintlig = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (befintlig) return ctx.oidc.provider.Grant.find(befintlig);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid email profile groups');
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, konfig);

// the misbehaving provider of the three test users: the token endpoint's answer is changed
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || !ctx.body || !ctx.body.id_token) return;
  const claims = decodeJwt(ctx.body.id_token);
  const nu = Math.floor(Date.now() / 1000);
  let nyckel = privateKey;
  if (claims.sub === 'fel-nyckel') nyckel = annanNyckel;
  else if (claims.sub === 'fel-publik') claims.aud = 'annan-klient';
  else if (claims.sub === 'utgangen') { claims.iat = nu - 7200; claims.exp = nu - 3600; }
  else if (claims.sub === 'fel-nonce') claims.nonce = 'en-annan-nonce';
  else if (claims.sub === 'fel-utfardare') claims.iss = 'http://127.0.0.1:1';
  else if (ANVANDARE[claims.sub] && ANVANDARE[claims.sub]._claim_names) {
    // Entra ID:s gruppöverskott: inga groups, en hänvisning till Graph i stället
    delete claims.groups;
    claims._claim_names = ANVANDARE[claims.sub]._claim_names;
    claims._claim_sources = ANVANDARE[claims.sub]._claim_sources;
  } else return;
  ctx.body = {
    ...ctx.body,
    id_token: await new SignJWT(claims).setProtectedHeader({ alg, kid: 'testnyckel' }).sign(nyckel),
  };
});

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const formular = (uid, fel = '') => `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Logga in (testleverantör)</title></head><body><main><h1>Logga in</h1>
${fel ? `<p role="alert">${esc(fel)}</p>` : ''}
<form method="post" action="/interaktion/${esc(uid)}/logga-in">
<label>Användarnamn <input name="anvandare" autocomplete="username"></label>
<label>Lösenord <input name="losenord" type="password" autocomplete="current-password"></label>
<button type="submit">Logga in</button></form></main></body></html>`;

function lasKropp(req) {
  return new Promise((klar, fel) => {
    let data = '';
    req.on('data', (d) => { data += d; if (data.length > 10000) req.destroy(); });
    req.on('end', () => klar(new URLSearchParams(data)));
    req.on('error', fel);
  });
}

const app = provider.callback();
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, issuer);
  const traff = url.pathname.match(/^\/interaktion\/([\w-]+)(\/logga-in)?$/);
  if (!traff) return app(req, res);
  try {
    const detaljer = await provider.interactionDetails(req, res);
    if (detaljer.uid !== traff[1] || detaljer.prompt.name !== 'login') throw new Error('fel interaktion');
    if (!traff[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(formular(detaljer.uid));
    }
    const kropp = await lasKropp(req);
    const vem = kropp.get('anvandare') || '';
    if (!ANVANDARE[vem] || kropp.get('losenord') !== LOSENORD) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(formular(detaljer.uid, 'Fel användarnamn eller lösenord.'));
    }
    return await provider.interactionFinished(req, res, { login: { accountId: ANVANDARE[vem].sub || vem } },
      { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end(`fel: ${err.message}`);
  }
});

server.listen(Number(port), '127.0.0.1', () => { console.log(`redo ${issuer}`); });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
