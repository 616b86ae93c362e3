// Evaluates a grid of French payslips with URSSAF's own rules (modele-social, the
// rules behind mon-entreprise.urssaf.fr, run by the publicodes engine), for the
// French pack's differential test (country-packs/fr/tests/urssaf.rs).
//
// stdin: {"cases": [{"id", "date": "YYYY-MM-DD", "gross": "2000.00", "cadre": bool,
//          "contract": "cdi"|"cdd", "indemnity": bool, "size": 10,
//          "weekly_hours": "24" | null, "atmp": "2.08", "mobility": "0"}]}
//         (atmp and mobility in percent, as the rules take them)
// stdout: [{"id", "rules": "modele-social@x.y.z", "figures": {name: "decimal"}, "lines": {rule: "decimal"}}]
//
// One process evaluates the whole grid: parsing the rules takes about a second,
// a case 30 to 100 ms. Numbers are written with JavaScript's shortest
// round-trip form (String(x)); the Rust side rounds them, never this script.

import Engine from 'publicodes';
import { json as rules2026 } from 'modele-social';
import { json as rules2025 } from 'modele-social-2025';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// modele-social 11.1.0 knows only the 2026 réduction générale dégressive unique
// (RGDU); 8.0.0 (October 2025) is the last release with the 2025 réduction générale.
// Each case is evaluated by the release in force on its date.
const RELEASES = [
  { name: 'modele-social@8.0.0', rules: rules2025, until: '2026-01-01', reduction: 'salarié . cotisations . exonérations . réduction générale' },
  { name: 'modele-social@11.1.0', rules: rules2026, until: '9999-12-31', reduction: 'salarié . cotisations . exonérations . RGDU' },
];

// The rules warn about their own cycles and experimental rules at every case:
// silenced. A situation value the rules refuse is only a warning too, and the rule
// would silently keep its default: that one fails the case.
const situationErrors = [];
const quiet = {
  log() {},
  warn(message) {
    if (String(message).includes('Erreur lors de la mise à jour de la situation')) situationErrors.push(String(message));
  },
  error(message) {
    process.stderr.write(`${message}\n`);
  },
};

// Totals the test compares, by the name the Rust side reads.
const FIGURES = {
  gross: 'salarié . rémunération . brut',
  base_salary: 'salarié . contrat . salaire brut',
  net: 'salarié . rémunération . net . à payer avant impôt',
  net_taxable: 'salarié . rémunération . net . imposable',
  net_social: 'salarié . rémunération . montant net social',
  employee_total: 'salarié . cotisations . salarié',
  csg_crds: 'salarié . cotisations . CSG-CRDS',
  employer_contributions: 'salarié . cotisations . employeur',
  employer_cost: 'salarié . coût total employeur',
  end_of_contract_indemnity: 'salarié . rémunération . indemnités CDD . fin de contrat',
  smic: 'salarié . contrat . temps de travail . SMIC',
  pss: 'plafond sécurité sociale',
};

// Individual lines, to explain a difference line by line.
const LINES = [
  'salarié . cotisations . maladie . salarié',
  'salarié . cotisations . maladie . employeur',
  'salarié . cotisations . allocations familiales',
  'salarié . cotisations . vieillesse . salarié . plafonnée',
  'salarié . cotisations . vieillesse . salarié . déplafonnée',
  'salarié . cotisations . vieillesse . employeur . plafonnée',
  'salarié . cotisations . vieillesse . employeur . déplafonnée',
  'salarié . cotisations . retraite complémentaire . salarié',
  'salarié . cotisations . retraite complémentaire . employeur',
  'salarié . cotisations . CEG . salarié',
  'salarié . cotisations . CEG . employeur',
  'salarié . cotisations . CET . salarié',
  'salarié . cotisations . CET . employeur',
  'salarié . cotisations . APEC . salarié',
  'salarié . cotisations . APEC . employeur',
  'salarié . cotisations . chômage',
  'salarié . cotisations . AGS',
  'salarié . cotisations . ATMP',
  'salarié . cotisations . CSA',
  'salarié . cotisations . FNAL',
  'salarié . cotisations . contribution au dialogue social',
  'salarié . cotisations . formation professionnelle',
  'salarié . cotisations . taxe d\'apprentissage',
  'salarié . cotisations . taxe d\'apprentissage . contribution supplémentaire',
  'salarié . cotisations . CPF CDD',
  'salarié . cotisations . versement mobilité',
  'salarié . cotisations . prévoyances . employeur',
  'salarié . cotisations . prévoyances . salarié',
  'salarié . cotisations . forfait social',
  'salarié . cotisations . PEEC',
  'salarié . cotisations . CSG-CRDS . assiette de base',
  'salarié . cotisations . CSG-CRDS . CSG . déductible',
  'salarié . cotisations . CSG-CRDS . CSG . non déductible',
  'salarié . cotisations . CSG-CRDS . CRDS',
  'salarié . cotisations . exonérations . employeur',
  'salarié . cotisations . exonérations . salarié',
  'salarié . cotisations . allocations familiales . taux',
  'salarié . cotisations . maladie . employeur . taux',
];

function frenchDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

// The situation of a case: everything the payslip depends on, the rest left to
// the rules' defaults. The health insurance contract (mutuelle) is set to zero:
// its amount is the employer's contract, not a legal parameter (the rules default
// to 40 €/month), and the French pack has none.
function situation(c) {
  const s = {
    date: frenchDate(c.date),
    'salarié . contrat': c.contract === 'cdd' ? "'CDD'" : "'CDI'",
    'salarié . contrat . salaire brut': `${c.gross} €/mois`,
    'salarié . contrat . statut cadre': c.cadre ? 'oui' : 'non',
    'entreprise . salariés . effectif': `${c.size} employé`,
    'établissement . taux ATMP': `${c.atmp}%`,
    'établissement . commune . taux versement mobilité': `${c.mobility}%`,
    'salarié . cotisations . prévoyances . santé . montant': '0 €/mois',
  };
  if (c.contract === 'cdd') {
    s['salarié . contrat . CDD . indemnité de fin de contrat'] = c.indemnity ? 'oui' : 'non';
    // Every day of leave taken within the contract: no compensatory leave pay,
    // which the pack's payslip does not add (it is paid at the end, on its own).
    s['salarié . contrat . CDD . congés pris'] = 'congés dus sur la durée du contrat';
  }
  if (c.weekly_hours !== null && c.weekly_hours !== undefined) {
    s['salarié . contrat . temps de travail . temps partiel'] = 'oui';
    s['salarié . contrat . temps de travail . temps partiel . heures par semaine'] = `${c.weekly_hours} heure/semaine`;
  }
  return s;
}

function value(engine, name) {
  const node = engine.evaluate(name);
  const v = node.nodeValue;
  if (v === null || v === undefined || v === false) return '0';
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name} is not a number: ${JSON.stringify(v)}`);
  return String(v);
}

function evaluateAll(cases) {
  const engines = RELEASES.map((r) => ({ ...r, engine: null }));
  const results = [];
  for (const c of cases) {
    const release = engines.find((r) => c.date < r.until);
    if (release.engine === null) release.engine = new Engine(JSON.parse(release.rules), { logger: quiet });
    const engine = release.engine;
    situationErrors.length = 0;
    engine.setSituation(situation(c));
    const figures = {};
    for (const [key, name] of Object.entries(FIGURES)) figures[key] = value(engine, name);
    figures.general_reduction = value(engine, release.reduction);
    const lines = {};
    for (const name of LINES) lines[name] = value(engine, name);
    if (situationErrors.length > 0) throw new Error(`case ${c.id}: ${release.name} refused its situation:\n${situationErrors.join('\n')}`);
    results.push({ id: c.id, rules: release.name, figures, lines });
  }
  return results;
}

// os.availableParallelism is Node 18.14 and later.
const cores = () => (os.availableParallelism ? os.availableParallelism() : os.cpus().length);

// Most of a case's time is publicodes re-parsing the situation of each rule
// evaluated in another context (the SMIC of 1 January, last year's PSS...), so the
// grid is split over worker threads, one a core (at most 4), in order.
if (isMainThread) {
  const { cases } = JSON.parse(readFileSync(0, 'utf8'));
  const workers = Math.max(1, Math.min(4, cores(), Math.floor(cases.length / 20)));
  const size = Math.ceil(cases.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => cases.slice(i * size, (i + 1) * size));
  const answers = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: chunk });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code === 0 || reject(new Error(`worker exited with ${code}`)));
        }),
    ),
  );
  process.stdout.write(JSON.stringify(answers.flat()));
} else {
  parentPort.postMessage(evaluateAll(workerData));
}
