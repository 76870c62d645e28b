// Workbooks in the page (issue 10, « Files that fight back »; the catalogue reader's worker):
// an association imports its list as an XLSX workbook — made here from a real file of
// `../shared/data/external` (the SIAE of the Bas-Rhin, les emplois de l'inclusion), read in
// place — and an ODS of its own offers; the worker reads the first sheet, says which, and the
// file goes the CSV's way (the mapping step for other columns). Workbooks built to exhaust
// memory (a declared billion billion shared strings, a zip that inflates past 100 MB, an ODS
// of repeated cells, a sheet as wide and long as Excel allows) are refused — or cut — with the
// limit's sentence naming the file, while the catalogue in use and the typed profile stay and
// the page keeps answering. The workbooks are written by this file (a small zip writer over
// Node's zlib): nothing is copied into the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { openApp, axeCheck, ROOT, ARTIFACTS, DIST, startServer, launchBrowser, newPage, showAll, waitForApp } from './harness.mjs';

const WAIT = { timeout: 60_000 };
const TIMEOUT = { timeout: 300_000 };
fs.mkdirSync(ARTIFACTS, { recursive: true });
const SIAE_67 = path.join(ROOT, '..', 'shared', 'data', 'external', 'siae_bas_rhin_67_les_emplois.csv');

const summary = (page) => page.locator('[data-testid=catalogue-summary]');
const count = async (page) => Number(await summary(page).getAttribute('data-count'));

// --- A zip writer: stored or deflated entries, as spreadsheets write them. -------------------

function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content, store] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = store ? data : zlib.deflateRawSync(data, { level: 1 });
    const crc = zlib.crc32(data);
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(store ? 0 : 8, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(store ? 0 : 8, 10);
    entry.writeUInt32LE(0, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    central.push(entry, n);
    offset += local.length + n.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letter = (i) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's XML: text cells inline, whole numbers (a département, a count) as numbers. */
function sheetXml(rows, { dimension = `A1:${letter(Math.max(0, ...rows.map((r) => r.length - 1)))}${rows.length}`, more = '', padding = 0 } = {}) {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((text, c) => {
          if (text === '') return '';
          const at = `${letter(c)}${r + 1}`;
          return r > 0 && /^[1-9][0-9]{0,8}$/.test(text)
            ? `<c r="${at}"><v>${text}</v></c>`
            : `<c r="${at}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><dimension ref="${dimension}"/><sheetData>${body}${more}`;
  const tail = '</sheetData></worksheet>';
  return padding ? Buffer.concat([Buffer.from(head), Buffer.alloc(padding, ' '), Buffer.from(tail)]) : head + tail;
}

/** An XLSX workbook of these sheets ([name, xml]) and this sharedStrings' uniqueCount. */
function xlsx(sheets, uniqueCount = '1') {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const book =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
    sheets.map(([name], i) => `<sheet name="${esc(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const bookRels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const shared = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="${uniqueCount}"><si><t>x</t></si></sst>`;
  return zip([
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['xl/workbook.xml', book],
    ['xl/_rels/workbook.xml.rels', bookRels],
    ['xl/sharedStrings.xml', shared],
    ...sheets.map(([, xml], i) => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ]);
}

/** An ODS workbook whose one table is this XML. */
function ods(tableXml, name = 'Offres') {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="${name}">${tableXml}</table:table></office:spreadsheet></office:body></office:document-content>`;
  return zip([
    ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet', true],
    ['META-INF/manifest.xml', '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'],
    ['content.xml', content],
  ]);
}

const odsRows = (rows) =>
  rows
    .map((r) => `<table:table-row>${r.map((t) => `<table:table-cell office:value-type="string"><text:p>${esc(t)}</text:p></table:table-cell>`).join('')}</table:table-row>`)
    .join('');

/** A `;` CSV with quoted cells (line breaks inside quotes) as rows. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// An association's own offers, typed in a spreadsheet (the département typed as a number).
const OWN = [
  ['id', 'organisation', 'titre', 'type', 'milieu', 'departements', 'date_maj'],
  ['asso-permis', 'Auto-école solidaire', 'Aide au permis', 'accompagnement', 'dehors', '44', '2026-10-01'],
  ['asso-cv', "Maison de l'emploi", 'Atelier CV', 'atelier', 'dehors', '44', '2026-10-01'],
  ['asso-tri', 'Entreprise Éclair', 'Agent·e de tri', 'ei', 'dehors', '44', '2026-10-01'],
];

// Another association's, in the same Loire-Atlantique.
const OTHER = [
  OWN[0],
  ['jardin-1', 'Jardins de Rezé', 'Maraîchage', 'aci', 'dehors', '44', '2026-09-15'],
  ['jardin-2', 'Jardins de Rezé', 'Vente au marché', 'aci', 'dehors', '44', '2026-09-15'],
];

test('a CSV import loads the catalogue reader but never the workbooks module; the first workbook fetches it and is read', TIMEOUT, async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // No service worker here: it fetches every file of the app for offline use, the workbooks
  // module included; without it, each request the server sees is the page's or its worker's.
  const page = await newPage(browser, t, { serviceWorkers: 'block' });
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  const asked = (file) => server.requests.some((r) => r.startsWith('GET ') && r.includes(file));
  assert.ok(!asked('relais-reader') && !asked('relais-workbooks'), `at start:\n${server.requests.join('\n')}`);

  const csv = `${OWN.map((r) => r.join(';')).join('\n')}\n`;
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'offres.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const used = page.locator('[data-testid=import-report][data-outcome=used]');
  await used.waitFor(WAIT);
  assert.equal(await count(page), 3);
  assert.ok(asked('relais-reader_bg.wasm'), 'the CSV is read by the catalogue reader');
  assert.ok(!asked('relais-workbooks'), `a CSV import fetched the workbooks module:\n${server.requests.join('\n')}`);

  await page.getByTestId('catalogue-add').setInputFiles({
    name: 'jardins.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx([['Offres', sheetXml(OTHER)]]),
  });
  await page.waitForFunction(() => document.querySelector('[data-testid=catalogue-summary]')?.getAttribute('data-count') === '5', null, WAIT);
  assert.match(await used.innerText(), /Lu comme : classeur XLSX, première feuille « Offres »/);
  assert.ok(asked('relais-workbooks.js') && asked('relais-workbooks_bg.wasm'), `the workbook fetched its module:\n${server.requests.join('\n')}`);
});

test('an association imports the real SIAE list of the Bas-Rhin as an XLSX workbook: its first sheet, the mapping step, « Appliquer »', TIMEOUT, async (t) => {
  if (!fs.existsSync(SIAE_67)) {
    t.skip(`${SIAE_67} absent: the real list needs ../shared/data/external beside the repository`);
    return;
  }
  const table = parseCsv(fs.readFileSync(SIAE_67, 'utf8').replace(/^\uFEFF/, ''));
  assert.equal(table.length, 66, 'the header and 65 SIAE');
  const book = xlsx([
    ['SIAE 67', sheetXml(table)],
    ['Notes', sheetXml([['à relire avant la réunion']])],
  ]);
  const { page } = await openApp(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });
  const seed = await count(page);
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'siae-bas-rhin.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: book });

  // Not refused, not asked for a CSV: the mapping step of its first sheet, which it names.
  const step = page.getByTestId('mapping-step');
  await step.waitFor(WAIT);
  assert.equal(await count(page), seed, 'nothing replaced yet');
  assert.match(await step.locator('h3').innerText(), /siae-bas-rhin\.xlsx/);
  assert.equal(
    await page.getByTestId('mapping-sheet').innerText(),
    'Lu comme : classeur XLSX, première feuille « SIAE 67 » (sur 2 ; les autres ne sont pas lues).',
  );
  assert.equal(await page.locator('[data-testid=mapping-columns] tbody tr').count(), 7, 'the sheet\'s 7 columns');
  assert.match(await page.getByTestId('mapping-row-0').innerText(), /type[\s\S]*ETTI/);

  // The volunteer gives « nom » to the organisation and the activity to the title; all are in
  // the Bas-Rhin, outside.
  await page.locator('[data-testid=mapping-columns] select[data-header="nom"]').selectOption('organisation');
  await page.locator(`[data-testid=mapping-columns] select[data-header="Secteur d'activités"]`).selectOption('titre');
  await page.getByTestId('mapping-default-milieu').selectOption('dehors');
  await page.getByTestId('mapping-default-departements').fill('67');
  await page.getByTestId('mapping-default-departements').press('Tab');
  await axeCheck(page, 'workbook-mapping-step');
  await step.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(ARTIFACTS, 'workbook-mapping-step.png') });

  await page.getByTestId('mapping-apply').click();
  const report = page.locator('[data-testid=import-report][data-outcome=used]');
  await page.locator('[data-testid=import-report][data-outcome=used], [data-testid=mapping-problems][data-rejected=true]').first().waitFor(WAIT);
  assert.equal(await page.locator('[data-testid=mapping-problems][data-rejected=true]').count(), 0, await page.getByTestId('mapping-step').innerText().catch(() => ''));
  const loaded = await count(page);
  console.log(`workbook e2e: ${loaded} of 65 SIAE of the Bas-Rhin loaded from the XLSX's first sheet`);
  assert.ok(loaded >= 55, `${loaded} offers`);
  assert.match(await report.innerText(), /Lu comme : classeur XLSX, première feuille « SIAE 67 »/);
  assert.match(await summary(page).innerText(), /siae-bas-rhin\.xlsx/);

  // A person living in the Bas-Rhin sees them among the results.
  await page.getByTestId('situation-dehors').check();
  await page.getByTestId('residence-departement').waitFor(WAIT);
  await page.getByTestId('residence-departement').selectOption('67');
  // The cards are drawn 20 at a time: the counsellor reads on (« Afficher … de plus ») until
  // the list is drawn whole.
  const germa = page.locator('[data-testid=results-now] li.offer', { hasText: 'GERMA ETTI 67' });
  for (let i = 0; i < 150 && (await germa.count()) === 0; i++) {
    await showAll(page, 'now');
    await page.waitForTimeout(200);
  }
  await germa.first().waitFor(WAIT);
  await report.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(ARTIFACTS, 'workbook-used.png') });
});

test('workbooks built to exhaust memory are refused with the limit, naming the file; the catalogue and the typed profile stay', TIMEOUT, async (t) => {
  const { page } = await openApp(t, { pageOptions: { viewport: { width: 1366, height: 900 } } });

  // The association's own offers, as an ODS: in use at once, the report says how it was read.
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'offres.ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', buffer: ods(odsRows(OWN)) });
  const used = page.locator('[data-testid=import-report][data-outcome=used]');
  await used.waitFor(WAIT);
  assert.equal(await count(page), 3);
  assert.match(await used.innerText(), /Lu comme : classeur ODS, première feuille « Offres »/);

  // A profile being typed.
  const skill = 'cariste';
  await page.getByTestId('skill-input').fill(skill);
  await page.getByTestId('skill-input').press('Enter');
  await page.locator('.chip', { hasText: skill }).waitFor(WAIT);

  const far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>loin</t></is></c></row>';
  const bombs = [
    {
      name: 'textes.xlsx',
      bytes: xlsx([['Offres', sheetXml(OWN)]], '1000000000000000000'),
      says: /le classeur annonce 1000000000000000000 textes différents \(uniqueCount\), au-delà de la limite de 1000000/,
    },
    {
      // About 100 KB that inflates past 100 MB.
      name: 'bombe.xlsx',
      bytes: xlsx([['Offres', sheetXml(OWN, { padding: 100 * 1024 * 1024 + 1 })]]),
      says: /classeur qui se décompresse en plus de 100 Mo \(limite ; fichier compressé de \d+ Ko\)/,
    },
    {
      name: 'repetitions.ods',
      bytes: ods('<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'),
      says: /feuille ODS de 1048576 lignes × 16384 colonnes .* au-delà de la limite de 4000000 cellules/,
    },
  ];
  for (const bomb of bombs) {
    assert.ok(bomb.bytes.length < 1024 * 1024, `${bomb.name}: ${bomb.bytes.length} bytes`);
    await page.getByTestId('catalogue-add').setInputFiles({ name: bomb.name, mimeType: 'application/octet-stream', buffer: bomb.bytes });
    const refused = page.locator('[data-testid=import-report][data-outcome=unreadable]');
    await refused.waitFor(WAIT);
    const text = await refused.innerText();
    assert.match(text, new RegExp(`Le fichier « ${bomb.name.replace('.', '\\.')} » n'a pas pu être lu`), text);
    assert.match(text, bomb.says, text);
    // The catalogue in use and the typed profile stay.
    assert.equal(await count(page), 3, `after ${bomb.name}`);
    assert.match(await summary(page).innerText(), /offres\.ods/);
    assert.equal(await page.locator('.chip', { hasText: skill }).count(), 1, `the skill typed, after ${bomb.name}`);
    if (bomb.name === 'bombe.xlsx') {
      await axeCheck(page, 'workbook-bomb');
      await refused.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: path.join(ARTIFACTS, 'workbook-bomb.png') });
    }
  }

  // As wide and long as Excel allows, with a cell at its far corner: the offers load, the far
  // cell is reported at its line with the limit, nothing the size of the sheet is allocated.
  await page.getByTestId('catalogue-add').setInputFiles({
    name: 'grande-feuille.xlsx',
    mimeType: 'application/octet-stream',
    buffer: xlsx([['Offres', sheetXml(OTHER, { dimension: 'A1:XFD1048576', more: far })]]),
  });
  const wide = page.locator('[data-testid=import-report][data-outcome=used]');
  await wide.waitFor(WAIT);
  assert.ok(
    (await wide.locator('tr[data-line="1048576"]').innerText()).includes('au-delà de la ligne 100001 (limite de 100000 offres par fichier)'),
    await wide.innerText(),
  );
  assert.equal(await count(page), 5, 'both files in the list');
  assert.equal(await page.locator('.chip', { hasText: skill }).count(), 1);

  // The page still answers: another skill becomes a chip; no crash notice, no page error.
  await page.getByTestId('skill-input').fill('soudure');
  await page.getByTestId('skill-input').press('Enter');
  await page.locator('.chip', { hasText: 'soudure' }).waitFor(WAIT);
  assert.equal(await page.getByTestId('crash-notice').count(), 0);
  assert.deepEqual(page.relais.pageErrors, []);
});

test('an association hosts its list as a workbook with its correspondance: read in the worker, in use at start', TIMEOUT, async (t) => {
  if (!fs.existsSync(SIAE_67)) {
    t.skip(`${SIAE_67} absent: the real list needs ../shared/data/external beside the repository`);
    return;
  }
  const table = parseCsv(fs.readFileSync(SIAE_67, 'utf8').replace(/^\uFEFF/, ''));
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'relais-host-workbook-'));
  t.after(() => fsp.rm(root, { recursive: true, force: true }));
  await fsp.cp(DIST, root, { recursive: true });
  // The shipped mapping of that list (data/mappings/emplois-siae-67.json), named by the host.
  assert.ok(fs.existsSync(path.join(root, 'mappings', 'emplois-siae-67.json')));
  await fsp.writeFile(path.join(root, 'siae-67.xlsx'), xlsx([['SIAE 67', sheetXml(table)]]));
  await fsp.writeFile(
    path.join(root, 'relais.config.json'),
    JSON.stringify({ nom: 'Insertion 67', catalogue: 'siae-67.xlsx', correspondance: 'mappings/emplois-siae-67.json' }),
  );
  const server = await startServer({ root });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await newPage(browser, t);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForApp(page);
  await page.locator('[data-testid=catalogue-summary][data-source=hosted]').waitFor(WAIT);
  const n = await count(page);
  console.log(`workbook e2e: the host's workbook through its correspondance: ${n} offers`);
  assert.ok(n >= 55, `${n} offers`);
  assert.match(await summary(page).innerText(), /Insertion 67 \(siae-67\.xlsx\)/);
  assert.equal(await page.getByTestId('mapping-host-problem').count(), 0, 'the correspondance is usable');
  assert.ok(server.requests.includes('GET /mappings/emplois-siae-67.json'), server.requests.join(', '));
  assert.deepEqual(page.relais.pageErrors, []);
});

test('relais.html from a USB stick (file://, no worker): a workbook is read by the reader on the page, a bomb refused', TIMEOUT, async (t) => {
  const file = path.join(DIST, 'relais.html');
  assert.ok(fs.existsSync(file), `${file} does not exist: node scripts/build-single-file.mjs`);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await summary(page).waitFor(WAIT);
  await page.getByTestId('catalogue-import').setInputFiles({ name: 'offres.ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', buffer: ods(odsRows(OWN)) });
  const used = page.locator('[data-testid=import-report][data-outcome=used]');
  await used.waitFor(WAIT);
  assert.equal(await count(page), 3);
  assert.match(await used.innerText(), /Lu comme : classeur ODS, première feuille « Offres »/);
  await page.getByTestId('catalogue-add').setInputFiles({ name: 'textes.xlsx', mimeType: 'application/octet-stream', buffer: xlsx([['Offres', sheetXml(OWN)]], '1000000000000000000') });
  const refused = page.locator('[data-testid=import-report][data-outcome=unreadable]');
  await refused.waitFor(WAIT);
  assert.match(await refused.innerText(), /« textes\.xlsx » n'a pas pu être lu : le classeur annonce 1000000000000000000 textes différents/);
  assert.equal(await count(page), 3);
  assert.deepEqual(errors, []);
});
